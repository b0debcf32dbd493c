// Placeholder: replaced by the real view.
export function ContactPage() {
  return <h1>Contact</h1>;
}
