// Placeholder: replaced by the real view.
export function ContactsPage() {
  return <h1>Contacts</h1>;
}
