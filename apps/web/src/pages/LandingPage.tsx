import { Link } from '../router.tsx';

/** What PocDojo is, for whom, and the two ways in: the page `/` shows before anyone signs in. */
export function LandingPage() {
  return (
    <section className="landing" aria-labelledby="landing-title">
      <div className="landing__hero">
        <h1 id="landing-title">Your team's proofs of concept, found again — and coded together.</h1>
        <p className="landing__lead">
          PocDojo is where a development team keeps every proof of concept it builds, finds it again in seconds (typos
          forgiven), sees what the year looked like, and runs live coding dojos in the browser.
        </p>
        <p className="actions">
          <Link to="/signup" className="button">
            Sign up your team
          </Link>
          <Link to="/login" className="button button--ghost">
            Log in
          </Link>
        </p>
      </div>
      <ul className="landing__features" aria-label="What you can do">
        <li>
          <h2>Register POCs</h2>
          <p>Name, description, languages, tags, repository, status, dates and attachments — in one place.</p>
        </li>
        <li>
          <h2>Find them again</h2>
          <p>Search that forgives typos and accents, with filters by language, tag, status and owner.</p>
        </li>
        <li>
          <h2>Code together</h2>
          <p>Dojos with a shared editor, live cursors, chat and a timer that rotates driver and navigator.</p>
        </li>
        <li>
          <h2>See the year</h2>
          <p>Reports of what the team built, and a yearly video for each member to share.</p>
        </li>
      </ul>
      <p className="muted">For developer teams of any size. Free to try; your team's data stays your team's.</p>
    </section>
  );
}
