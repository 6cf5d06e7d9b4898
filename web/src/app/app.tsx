import { AppProvider } from './provider';
import { AppRouter } from './router';
import './global.css';

export function App() {
  return (
    <AppProvider>
      <AppRouter />
    </AppProvider>
  );
}
