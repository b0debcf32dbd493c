import ReactMarkdown, { type Components } from 'react-markdown';
import { Link } from 'react-router';
import remarkGfm from 'remark-gfm';
import styles from './Markdown.module.css';

/**
 * A section's Markdown as the reader sees it. react-markdown builds React elements from the
 * syntax tree and never passes raw HTML through (a `<script>` typed into a section stays text),
 * and it drops `javascript:` links; GitHub-flavoured Markdown adds tables, task lists and
 * strikethrough. Links into the app (`#/calls/…?t=…`, from the prefill) stay in the app.
 */
const COMPONENTS: Components = {
  a: ({ href = '', children }) =>
    href.startsWith('#/') ? (
      <Link to={href.slice(1)}>{children}</Link>
    ) : (
      <a href={href} target="_blank" rel="noreferrer noopener">
        {children}
      </a>
    ),
  table: ({ children }) => (
    <div className={styles.tableWrap}>
      <table>{children}</table>
    </div>
  ),
};

export function Markdown({ text, className }: { text: string; className?: string }) {
  return (
    <div className={[styles.markdown, className].filter(Boolean).join(' ')}>
      <ReactMarkdown remarkPlugins={[remarkGfm]} components={COMPONENTS}>
        {text}
      </ReactMarkdown>
    </div>
  );
}
