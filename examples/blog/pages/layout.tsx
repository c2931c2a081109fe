// The site's layout: head, navigation (who is logged in, with a logout form) and footer.
import { type ComponentChildren, Head, useRequest } from "@plinth/plinth/templating";

/** The layout around every page. */
export function Site({ children }: { children: ComponentChildren }) {
  const { state, url } = useRequest();
  const user = state.user;
  return (
    <>
      <Head>
        <title>Plinth blog</title>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="stylesheet" href={url("stylesheet")} />
        <link rel="icon" href="data:," />
      </Head>
      <header class="site">
        <a class="brand" href={url("home")}>Plinth blog</a>
        <nav>
          {user?.isStaff && <a href={url("staff:posts")}>Staff</a>}
          {user
            ? (
              <form method="post" action={url("logout")} class="inline">
                <LogoutToken />
                <span class="who">{user.username}</span>
                <button type="submit">Log out</button>
              </form>
            )
            : <a href={url("login")}>Log in</a>}
        </nav>
      </header>
      <main>{children}</main>
      <footer class="site">Built with Plinth</footer>
    </>
  );
}

/** Reads the CSRF token only for logged-in users: reading it starts a session. */
function LogoutToken() {
  const { csrfToken } = useRequest();
  return <input type="hidden" name="csrf_token" value={csrfToken} />;
}
