import { QueryClientProvider } from '@tanstack/react-query';
import { createHashRouter, Navigate, RouterProvider } from 'react-router';
import { bridge, prefetchApiQuery, queryClient, useLiveQueries } from '../api';
import { ToastProvider } from '../components/Toast';
import { BoardPage } from '../features/board/BoardPage';
import { preloadBoard } from '../features/board/loader';
import { AppFrame } from './AppFrame';
import { AppGate, LoadingScreen } from './AppGate';
import { lazyView, views } from './lazyViews';

// Who is signed in decides what the first screen is: ask at once, with the first view's data.
prefetchApiQuery('app.info', {});

// Hash routes work the same from a file (Electron) and from the browser host.
const router = createHashRouter([
  {
    element: <AppFrame />,
    HydrateFallback: LoadingScreen,
    children: [
      { index: true, element: <Navigate to="/board" replace /> },
      { path: 'board', element: <BoardPage />, loader: preloadBoard },
      { path: 'deals', lazy: lazyView(views.deals) },
      { path: 'deals/:dealId', lazy: lazyView(views.deal) },
      { path: 'contacts', lazy: lazyView(views.contacts) },
      { path: 'contacts/:contactId', lazy: lazyView(views.contact) },
      { path: 'accounts', lazy: lazyView(views.accounts) },
      { path: 'accounts/:accountId', lazy: lazyView(views.account) },
      { path: 'campaigns', lazy: lazyView(views.campaigns) },
      { path: 'reminders', lazy: lazyView(views.reminders) },
      { path: 'dashboard', lazy: lazyView(views.dashboard) },
      { path: 'dashboard/lifecycle', lazy: lazyView(views.lifecycle) },
      { path: 'dashboard/coaching', lazy: lazyView(views.coaching) },
      { path: 'calls/:callId', lazy: lazyView(views.call) },
      { path: 'handovers', lazy: lazyView(views.handovers) },
      { path: 'handovers/:handoverId', lazy: lazyView(views.handover) },
      { path: 'import', lazy: lazyView(views.import) },
      { path: 'settings/stages', lazy: lazyView(views.stages) },
      { path: 'settings/team', lazy: lazyView(views.teamSettings) },
      { path: 'settings/scoring', lazy: lazyView(views.scoringSettings) },
      { path: 'settings/handover-template', lazy: lazyView(views.handoverTemplate) },
      { path: 'settings/sync', lazy: lazyView(views.sync) },
      { path: '*', element: <Navigate to="/board" replace /> },
    ],
  },
  // A document to print or save as PDF: no sidebar or other app chrome around it.
  {
    path: 'handovers/:handoverId/print',
    HydrateFallback: LoadingScreen,
    lazy: lazyView(views.handoverPrint),
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
