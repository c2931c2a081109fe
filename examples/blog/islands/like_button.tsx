// The blog's island: a like button that posts to the API and shows the new count, hydrated in
// the browser. It imports only browser-safe code.
import { island, useState } from "@plinth/plinth/templating";

/** What the server renders the button with. */
export interface LikeButtonProps {
  /** The API's like URL for the post. */
  action: string;
  /** The count when the page was rendered. */
  likes: number;
  /** The CSRF token for the API call; absent for anonymous visitors, who are asked to log in. */
  csrfToken?: string;
  /** Where anonymous visitors log in. */
  loginUrl: string;
}

function LikeButton({ action, likes, csrfToken, loginUrl }: LikeButtonProps) {
  const [count, setCount] = useState(likes);
  const [state, setState] = useState<"idle" | "sending" | "failed">("idle");
  const label = `${count} ${count === 1 ? "like" : "likes"}`;
  if (csrfToken === undefined) {
    return (
      <p class="likes">
        {label} · <a href={loginUrl}>Log in to like</a>
      </p>
    );
  }
  async function like() {
    setState("sending");
    try {
      const res = await fetch(action, {
        method: "POST",
        headers: { accept: "application/json", "x-csrf-token": csrfToken! },
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      setCount((await res.json()).likes);
      setState("idle");
    } catch {
      setState("failed");
    }
  }
  return (
    <p class="likes">
      <button type="button" class="like" onClick={like} disabled={state === "sending"}>
        ♥ Like
      </button>{" "}
      <output>{label}</output>
      {state === "failed" && <span class="error">Could not like, try again.</span>}
    </p>
  );
}

export default island(LikeButton, { name: "LikeButton" });
