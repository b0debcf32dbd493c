import { QueryClientProvider } from '@tanstack/react-query';
import { createHashRouter, Navigate, RouterProvider } from 'react-router';
import { bridge, queryClient, useLiveQueries } from '../api';
import { ToastProvider } from '../components/Toast';
import { AccountPage } from '../features/accounts/AccountPage';
import { AccountsPage } from '../features/accounts/AccountsPage';
import { CampaignsPage } from '../features/campaigns/CampaignsPage';
import { ContactPage } from '../features/contacts/ContactPage';
import { ContactsPage } from '../features/contacts/ContactsPage';
import { BoardPage } from '../features/board/BoardPage';
import { DealPage } from '../features/deals/DealPage';
import { StagesPage } from '../features/settings/StagesPage';
import { DealsTablePage } from '../features/table/DealsTablePage';
import { ImportPage } from '../features/import/ImportPage';
import { AppFrame } from './AppFrame';
import { AppGate } from './AppGate';

// Hash routes work the same from a file (Electron) and from the browser host.
const router = createHashRouter([
  {
    element: <AppFrame />,
    children: [
      { index: true, element: <Navigate to="/board" replace /> },
      { path: 'board', element: <BoardPage /> },
      { path: 'deals', element: <DealsTablePage /> },
      { path: 'deals/:dealId', element: <DealPage /> },
      { path: 'contacts', element: <ContactsPage /> },
      { path: 'contacts/:contactId', element: <ContactPage /> },
      { path: 'accounts', element: <AccountsPage /> },
      { path: 'accounts/:accountId', element: <AccountPage /> },
      { path: 'campaigns', element: <CampaignsPage /> },
      { path: 'import', element: <ImportPage /> },
      { path: 'settings/stages', element: <StagesPage /> },
      { path: '*', element: <Navigate to="/board" replace /> },
    ],
  },
]);

function LiveData() {
  useLiveQueries(bridge);
  return null;
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <LiveData />
        <AppGate>
          <RouterProvider router={router} />
        </AppGate>
      </ToastProvider>
    </QueryClientProvider>
  );
}
