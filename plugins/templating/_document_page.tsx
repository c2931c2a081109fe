import type { DocumentRenderer } from "../../core/mod.ts";
import type { VNode } from "./types.ts";
import { Head } from "./head.ts";

/**
 * The document renderer the plugin installs: other plugins' pages (`app.renderDocument()`, such
 * as auth's login form) through `ctx.render()`, so inside the layouts pages get by default, with
 * the title in `<Head>`, the status, and the policy and nonce of every rendered page.
 */
export const renderDocumentPage: DocumentRenderer = function renderDocumentPage(ctx, doc) {
  return ctx.render(<DocumentPage title={doc.title} html={doc.html} />, { status: doc.status });
};

function DocumentPage({ title, html }: { title: string; html: string }): VNode {
  return (
    <>
      <Head>
        <title>{title}</title>
      </Head>
      {/* The one place the plugin injects markup: a plugin built it from escaped parts. */}
      <div class="plinth-document" dangerouslySetInnerHTML={{ __html: html }} />
    </>
  );
}
