// Placeholder: replaced by the real view.
export function CampaignsPage() {
  return <h1>Campaigns</h1>;
}
