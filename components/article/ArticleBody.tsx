import type { ArticleBody as Body, BodyBlock, InlineNode, ListItem, TextNode } from '@/lib/content/body-schema';

/*
 * Renders stored body blocks as React elements. Text is escaped by React and
 * link targets were checked when the body was stored, so no markup or script
 * from content can reach the page. Pure props to JSX, no server-only imports:
 * the desk's live preview renders the same component in the browser.
 */

function Text({ node }: { node: TextNode }) {
  let element: React.ReactNode = node.text;
  if (node.marks?.includes('code')) element = <code className="rounded bg-panel px-1 font-mono text-base">{element}</code>;
  if (node.marks?.includes('strike')) element = <del>{element}</del>;
  if (node.marks?.includes('italic')) element = <em>{element}</em>;
  if (node.marks?.includes('bold')) element = <strong>{element}</strong>;
  return <>{element}</>;
}

function Inline({ nodes }: { nodes: InlineNode[] }) {
  return (
    <>
      {nodes.map((node, index) =>
        node.type === 'link' ? (
          <a key={index} href={node.href} {...(node.href.startsWith('/') ? {} : { rel: 'noopener noreferrer' })}>
            {node.children.map((child, childIndex) => (
              <Text key={childIndex} node={child} />
            ))}
          </a>
        ) : (
          <Text key={index} node={node} />
        ),
      )}
    </>
  );
}

type Labels = { quoteLabel: (speaker: string) => string };

function Item({ item, labels }: { item: ListItem; labels: Labels }) {
  if (Array.isArray(item)) {
    return (
      <li>
        <Inline nodes={item} />
      </li>
    );
  }
  return (
    <li>
      <Inline nodes={item.content} />
      <Blocks blocks={item.children} labels={labels} />
    </li>
  );
}

const CELL_ALIGN = { left: 'text-left', center: 'text-center', right: 'text-right' } as const;

function Block({ block, labels }: { block: BodyBlock; labels: Labels }) {
  switch (block.type) {
    case 'paragraph':
      return (
        <p>
          <Inline nodes={block.children} />
        </p>
      );
    case 'heading':
      return block.level === 2 ? (
        <h2 className="mt-8 font-serif text-2xl font-bold">{block.text}</h2>
      ) : (
        <h3 className="mt-6 text-xl font-bold">{block.text}</h3>
      );
    case 'quote':
      return (
        <figure className="my-6 border-l-4 border-accent bg-panel px-5 py-4">
          <blockquote className="space-y-3 font-serif text-lg italic" aria-label={block.speaker ? labels.quoteLabel(block.speaker) : undefined}>
            {block.paragraphs?.map((paragraph, index) => (
              <p key={index}>
                <Inline nodes={paragraph} />
              </p>
            ))}
            {block.blocks && <Blocks blocks={block.blocks} labels={labels} />}
          </blockquote>
          {block.speaker && <figcaption className="mt-3 font-semibold not-italic">— {block.speaker}</figcaption>}
        </figure>
      );
    case 'list': {
      const items = block.items.map((item, index) => <Item key={index} item={item} labels={labels} />);
      return block.ordered ? (
        <ol className="list-decimal space-y-1 pl-6">{items}</ol>
      ) : (
        <ul className="list-disc space-y-1 pl-6">{items}</ul>
      );
    }
    case 'table':
      // The header row's cells are column headers (scope="col"), so screen readers announce them with each cell.
      return (
        <div className="my-6 overflow-x-auto" role="region" aria-label={plainCells(block.header)} tabIndex={0}>
          <table className="w-full border-collapse text-base">
            <thead>
              <tr>
                {block.header.map((cell, index) => (
                  <th key={index} scope="col" className={`border-b-2 border-current px-3 py-2 ${CELL_ALIGN[block.align[index] ?? 'left']}`}>
                    <Inline nodes={cell} />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, rowIndex) => (
                <tr key={rowIndex} className="border-b border-panel">
                  {row.map((cell, index) => (
                    <td key={index} className={`px-3 py-2 ${CELL_ALIGN[block.align[index] ?? 'left']}`}>
                      <Inline nodes={cell} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case 'code':
      return (
        <pre className="overflow-x-auto rounded bg-panel p-4 text-base" tabIndex={0}>
          <code>{block.text}</code>
        </pre>
      );
    case 'rule':
      return <hr className="my-8" />;
  }
}

function plainCells(cells: InlineNode[][]): string {
  return cells.map((cell) => cell.flatMap((n) => (n.type === 'text' ? [n.text] : n.children.map((c) => c.text))).join('')).join(', ');
}

function Blocks({ blocks, labels }: { blocks: BodyBlock[]; labels: Labels }) {
  return (
    <>
      {blocks.map((block, index) => (
        <Block key={index} block={block} labels={labels} />
      ))}
    </>
  );
}

export function ArticleBody({ body, quoteLabel }: { body: Body; quoteLabel: (speaker: string) => string }) {
  return (
    <div className="space-y-4 text-lg leading-relaxed">
      <Blocks blocks={body} labels={{ quoteLabel }} />
    </div>
  );
}
