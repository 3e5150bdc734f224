// Every address the console answers, and which page shows it. Pages past /login and /signup sit
// inside the signed-in layout, which sends signed-out visitors to /login.
import { createBrowserRouter } from 'react-router';
import { AppLayout } from './components/AppLayout';
import { AudiencesPage } from './pages/AudiencesPage';
import { ClientsPage } from './pages/ClientsPage';
import { HomePage } from './pages/HomePage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PublishingPage } from './pages/PublishingPage';
import { SignupPage } from './pages/SignupPage';
import { SimulatorPage } from './pages/SimulatorPage';
import { SitePage } from './pages/SitePage';
import { SitesPage } from './pages/SitesPage';
import { TagEditorPage } from './pages/TagEditorPage';

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  { path: '/signup', element: <SignupPage /> },
  {
    element: <AppLayout />,
    children: [
      { path: '/', element: <HomePage /> },
      { path: '/orgs/:orgId/clients', element: <ClientsPage /> },
      { path: '/orgs/:orgId/audiences', element: <AudiencesPage /> },
      { path: '/clients/:clientId/sites', element: <SitesPage /> },
      { path: '/sites/:siteId', element: <SitePage /> },
      { path: '/sites/:siteId/tags/new', element: <TagEditorPage /> },
      { path: '/sites/:siteId/test', element: <SimulatorPage /> },
      { path: '/sites/:siteId/publishing', element: <PublishingPage /> },
      { path: '/tags/:tagId', element: <TagEditorPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
