// Next.js wants a root layout for its own not-found page; the app itself is routes only.
export default function RootLayout({ children }) {
  return children;
}
