import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(<p>Charter is starting. The web app arrives with the next issue.</p>);
