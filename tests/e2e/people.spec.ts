import { expect, test } from './fixtures';

test.beforeEach(async ({ page }) => {
  page.on('pageerror', (error) => {
    throw error;
  });
});

test('a rep adds a contact at an account, records an NPS answer, and starts a campaign for its industry', async ({
  page,
  host,
}) => {
  // The access token stays in the page's storage after the first visit, so plain links work.
  const open = (hash: string) => page.goto(`${new URL(host.url).origin}/#${hash}`);
  await page.goto(host.url);
  await page.getByLabel('Team name').fill('Northwind Sales');
  await page.getByLabel('Your name').fill('Rita Rep');
  await page.getByLabel('Work email').fill('rita@northwind.example');
  await page.getByRole('button', { name: 'Start' }).click();
  // The team is set up once the app itself shows (leaving earlier would abandon the setup).
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page).not.toHaveURL(/token=/);

  // An account, with its firmographics.
  await open('/accounts');
  await expect(page.getByText('No accounts yet')).toBeVisible();
  await page.keyboard.press('n');
  const newAccount = page.getByRole('dialog', { name: 'New account' });
  await expect(newAccount.getByLabel('Company name')).toBeFocused();
  await newAccount.getByLabel('Company name').fill('Acme Logistics');
  await newAccount.getByLabel('Industry').fill('Logistics');
  await newAccount.getByLabel('Region').fill('EMEA');
  await newAccount.getByLabel('Employees').fill('240');
  await newAccount.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Acme Logistics' })).toBeVisible();

  // A contact at that account, from the contacts list.
  await open('/contacts');
  await page.getByRole('button', { name: 'New contact' }).click();
  const newContact = page.getByRole('dialog', { name: 'New contact' });
  await newContact.getByLabel('First name').fill('Anna');
  await newContact.getByLabel('Last name').fill('Schmidt');
  await newContact.getByLabel('Role / title').fill('Head of Operations');
  await newContact.getByLabel('Account').fill('Acme Logistics');
  await newContact.getByLabel('Email').fill('anna@acme.example');
  await newContact.getByLabel('Time zone').fill('Europe/Berlin');
  await expect(newContact.getByText(/there now/)).toBeVisible();
  await newContact.getByLabel('Preferred channel').selectOption({ label: 'Email' });
  await newContact.getByLabel('Consent to contact').selectOption({ label: 'Granted' });
  await page.keyboard.press('Control+Enter');

  await expect(page.getByRole('heading', { level: 1, name: 'Anna Schmidt' })).toBeVisible();
  await expect(page.getByText(/local time/)).toBeVisible();
  await expect(page.getByText('Prefers email')).toBeVisible();
  await expect(page.getByText(/Consent granted/)).toBeVisible();

  // The same address twice is refused, and the form says which field.
  await open('/contacts');
  await expect(page.getByRole('row', { name: /Anna Schmidt/ })).toContainText('Acme Logistics');
  await page.getByRole('button', { name: 'New contact' }).click();
  const twin = page.getByRole('dialog', { name: 'New contact' });
  await twin.getByLabel('First name').fill('Ann');
  await twin.getByLabel('Email').fill('ANNA@acme.example');
  await twin.getByRole('button', { name: 'Create contact' }).click();
  await expect(
    twin.getByText('anna@acme.example is already the address of Anna Schmidt'),
  ).toBeVisible();
  await expect(twin.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
  await twin.getByRole('button', { name: 'Cancel' }).click();

  // The account page shows her, and takes an NPS answer.
  await page
    .getByRole('row', { name: /Anna Schmidt/ })
    .getByRole('link', { name: 'Acme Logistics' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Acme Logistics' })).toBeVisible();
  const contacts = page.getByRole('region', { name: /Contacts/ });
  await expect(contacts.getByRole('link', { name: 'Anna Schmidt' })).toBeVisible();

  const record = page.getByRole('form', { name: 'Record an NPS answer' });
  await record.getByRole('radio', { name: '9', exact: true }).check();
  await record.getByLabel('Who answered').selectOption({ label: 'Anna Schmidt' });
  await record.getByLabel('Comment').fill('Support is quick and kind.');
  await record.getByRole('button', { name: 'Record answer' }).click();
  await expect(page.getByRole('status')).toContainText('NPS answer recorded');
  await expect(page.getByRole('definition').filter({ hasText: '+100' })).toBeVisible();
  await expect(page.getByText('Support is quick and kind.')).toBeVisible();

  // A note on the account lands in its history.
  await page.getByLabel('Note', { exact: true }).fill('Renewal talks start in March.');
  await page.keyboard.press('Control+Enter');
  await expect(
    page.getByRole('listitem').filter({ hasText: 'Renewal talks start in March.' }),
  ).toBeVisible();

  // A campaign for the account's industry, on the team's list.
  await open('/campaigns');
  await expect(page.getByText('No campaigns yet')).toBeVisible();
  await page.getByRole('button', { name: 'New campaign' }).click();
  const sheet = page.getByRole('dialog', { name: 'New campaign' });
  await sheet.getByLabel('Campaign name').fill('Spring offer for logistics');
  await sheet.getByLabel('Industries', { exact: true }).fill('Logistics');
  await sheet.getByLabel('Industries', { exact: true }).press('Enter');
  await sheet.getByRole('checkbox', { name: 'Conversion' }).check();
  await sheet.getByLabel('Offer').fill('15% off the first year');
  await sheet.getByLabel('Price').fill('990');
  await sheet.getByRole('button', { name: 'Create campaign' }).click();
  await expect(sheet).toBeHidden();

  const running = page.getByRole('region', { name: /Running now/ });
  const campaign = running.getByRole('listitem').filter({ hasText: 'Spring offer for logistics' });
  await expect(campaign).toContainText('Running');
  await expect(campaign).toContainText('Logistics companies, with deals in Conversion');
  await expect(campaign.getByRole('list', { name: 'Audience filter' })).toContainText('Logistics');
  await expect(campaign).toContainText('€990');
  await expect(campaign).toContainText('15% off the first year');
});
