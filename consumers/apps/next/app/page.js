export default function Home() {
  return <h1>Next.js app</h1>;
}
