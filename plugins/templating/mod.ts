/**
 * Plinth's template layer: Preact components rendered on the server. `ctx.render(<Page />)`
 * answers with a complete HTML document, inside the app layout and the layouts of route groups;
 * `<Head>` sets the title and meta tags from anywhere; `useRequest()` gives components the
 * request (reverse routing, user, CSRF token, CSP nonce); `<Await>` with `{ stream: true }`
 * streams slow data; `island()` components hydrate in the browser; `defineForm()` parses and
 * renders forms. Every response carries a `Content-Security-Policy` whose nonce covers the
 * inline scripts the plugin emits.
 *
 * Islands and pages import Preact's hooks and types from here, so that Preact stays inside this
 * plugin.
 *
 * @example A page in a layout
 * ```tsx
 * import { App } from "@plinth/plinth";
 * import { type ComponentChildren, Head, templating, useRequest } from "@plinth/plinth/templating";
 * import assert from "node:assert/strict";
 *
 * function Site({ children }: { children: ComponentChildren }) {
 *   const { url } = useRequest();
 *   return (
 *     <>
 *       <nav><a href={url("home")}>Home</a></nav>
 *       <main>{children}</main>
 *     </>
 *   );
 * }
 * function Home() {
 *   return (
 *     <>
 *       <Head><title>Welcome</title></Head>
 *       <h1>Welcome</h1>
 *     </>
 *   );
 * }
 * const app = new App({ env: "test" }).register(templating({ layout: Site }));
 * app.get("/", (ctx) => ctx.render(<Home />), { name: "home" });
 * const res = await app.request("/");
 * const html = await res.text();
 * assert.match(html, /<title>Welcome<\/title>/);
 * assert.match(html, /<nav><a href="\/">Home<\/a><\/nav><main><h1>Welcome<\/h1><\/main>/);
 * assert.match(res.headers.get("content-security-policy")!, /script-src 'self'/);
 * ```
 *
 * @module
 */
import type { Render } from "./_render.ts";

export { Await, type AwaitProps } from "./await.ts";
export { ErrorPage, type ErrorPageProps } from "./error_page.tsx";
export { field, type FieldFactories, type FieldOptions, type FieldResult } from "./fields.ts";
export type { FieldSpec, NumberOptions, TextOptions } from "./fields.ts";
export {
  defineForm,
  type FieldErrors,
  type FormDefinition,
  type FormFields,
  type FormOptions,
  type FormValues,
  type ParseResult,
  type ValidationErrors,
} from "./form.ts";
export { Field, type FieldProps, Form, FormErrors, type FormProps } from "./form_view.tsx";
export { Head, type HeadProps } from "./head.ts";
export { type SetState, useCallback, useEffect, useMemo, useRef, useState } from "./hooks.ts";
export { island, type IslandOptions } from "./island.ts";
export { type Layout, layout } from "./layout.ts";
export type { RenderOptions } from "./_render.ts";
export { type PageRequest, useRequest } from "./request.ts";
export { isSafeUrl, safeUrl } from "./safe_url.ts";
export { templating, type TemplatingOptions } from "./templating.ts";
export type { CspDirectives } from "./_csp.ts";
export type { ComponentChildren, ComponentType, VNode } from "./types.ts";

declare module "../../core/mod.ts" {
  interface Context {
    /**
     * Renders `page` into a complete HTML document (`<!DOCTYPE html>`, `text/html;
     * charset=utf-8`, a `Content-Security-Policy`), inside the app layout and the layouts of
     * its route group unless `options.layout` says otherwise. Added by the templating plugin.
     */
    render: Render;
  }
  interface State {
    /**
     * A CSRF token for forms, set by an authentication plugin (a getter may create it on first
     * use); `<Form>` puts it in a hidden `csrf_token` input. Declared identically by auth.
     */
    readonly csrfToken?: string;
  }
}
