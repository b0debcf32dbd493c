// Placeholder: replaced by the real view.
export function ImportPage() {
  return <h1>Import</h1>;
}
