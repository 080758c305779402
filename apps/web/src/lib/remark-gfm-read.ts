import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';

/** The parts of a unified processor's data that remark's parser reads its extensions from. */
interface ParserData {
  micromarkExtensions?: unknown[];
  fromMarkdownExtensions?: unknown[];
}

/**
 * GitHub-flavoured Markdown for reading only: remark-gfm also registers the writer's extensions,
 * which bring mdast-util-to-markdown (~40 modules, 6 kB compressed) into every page that shows
 * a message, though nothing here ever writes Markdown.
 */
export function remarkGfmRead(this: { data(): unknown }): void {
  const data = this.data() as ParserData;
  (data.micromarkExtensions ??= []).push(gfm());
  (data.fromMarkdownExtensions ??= []).push(gfmFromMarkdown());
}
