// Placeholder: replaced by the real view.
export function AccountPage() {
  return <h1>Account</h1>;
}
