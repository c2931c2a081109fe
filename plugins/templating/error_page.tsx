import { h } from "preact";
import type { ComponentType, VNode } from "./types.ts";
import { type ErrorHandler, HttpError, statusText } from "../../core/mod.ts";
import { Head } from "./head.ts";
import type { Layout } from "./layout.ts";

/** Props of an error page: what went wrong, as the client may learn it. */
export interface ErrorPageProps {
  /** The HTTP status, such as 404 or 500. */
  status: number;
  /** The public message: an `HttpError`'s exposed message, else the status phrase. */
  message: string;
  /** The error's stack, in development only (Django's debug page). */
  debug?: string;
}

/**
 * The default page for errors (404, 500 and every other error status), rendered inside the app
 * layout. Replace it with `templating({ errorPage: MyErrorPage })`.
 *
 * @param props The status, message and (in development) debug text.
 * @returns The page.
 *
 * @example A 404 page for browsers
 * ```tsx
 * import { App } from "@plinth/plinth";
 * import { templating } from "@plinth/plinth/templating";
 * import assert from "node:assert/strict";
 *
 * const app = new App({ env: "test" }).register(templating());
 * const res = await app.request("/missing", { headers: { accept: "text/html" } });
 * assert.equal(res.status, 404);
 * assert.match(await res.text(), /<h1>404 Not Found<\/h1><p>No page at \/missing<\/p>/);
 * ```
 */
export function ErrorPage(props: ErrorPageProps): VNode {
  const title = `${props.status} ${statusText(props.status)}`;
  return (
    <>
      <Head>
        <title>{title}</title>
      </Head>
      <h1>{title}</h1>
      <p>{props.message}</p>
      {props.debug !== undefined && (
        <>
          <h2>Debug information (PLINTH_ENV=development)</h2>
          <pre>{props.debug}</pre>
        </>
      )}
    </>
  );
}

/**
 * The app's error handler: browsers (`Accept: text/html`) get `page` inside the app layout, with
 * the error's headers and `Cache-Control: no-store`; other clients get core's default answer,
 * which the handler reaches by rethrowing.
 */
export function errorPages(
  page: ComponentType<ErrorPageProps>,
  layout: Layout | undefined,
  debug: boolean,
): ErrorHandler {
  return function renderErrorPage(error, ctx) {
    if (!(ctx.request.headers.get("accept") ?? "").includes("text/html")) throw error;
    const known = error instanceof HttpError ? error : undefined;
    const status = known?.status ?? 500;
    const message = known?.expose ? known.message : statusText(status);
    const headers = new Headers(known?.headers);
    headers.set("cache-control", "no-store");
    const stack = error instanceof Error ? error.stack ?? String(error) : String(error);
    const props: ErrorPageProps = debug ? { status, message, debug: stack } : { status, message };
    return ctx.render(h(page, props), { status, headers, layout: layout ?? false });
  };
}
