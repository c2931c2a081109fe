// The blog's 404, 500 and other error pages, inside the site layout.
import { type ErrorPageProps, Head, useRequest } from "@plinth/plinth/templating";

/** An error page that sends the visitor home. */
export function BlogErrorPage({ status, message, debug }: ErrorPageProps) {
  const { url } = useRequest();
  const title = status === 404
    ? "Page not found"
    : status >= 500
    ? "Something went wrong"
    : message;
  return (
    <section class="error">
      <Head>
        <title>{title}</title>
      </Head>
      <h1>{title}</h1>
      <p>
        {status === 404
          ? "There is nothing at this address."
          : status >= 500
          ? "The error has been logged. Please try again in a moment."
          : message}
      </p>
      <p>
        <a href={url("home")}>Back to the latest posts</a>
      </p>
      {debug && <pre class="debug">{debug}</pre>}
    </section>
  );
}
