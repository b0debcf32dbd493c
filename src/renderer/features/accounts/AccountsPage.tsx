// Placeholder: replaced by the real view.
export function AccountsPage() {
  return <h1>Accounts</h1>;
}
