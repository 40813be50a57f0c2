import { useServices } from '../AppContext.tsx';
import { saveDojoAsPoc } from '../api/dojos.ts';
import type { Dojo } from '../api/types.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useAsyncAction } from '../lib/useAsyncAction.ts';
import { Link } from '../router.tsx';

/**
 * A finished dojo kept in the POC registry: its facilitator (or an admin) saves it once, with the
 * kata, the traffic lights, the participants and the final files; afterwards, a link to that POC.
 */
export function SaveAsPoc({
  dojo,
  mayManage,
  onSaved,
}: {
  dojo: Dojo;
  mayManage: boolean;
  onSaved: (pocId: string) => void;
}) {
  const { api } = useServices();
  const save = useAsyncAction(async () => {
    const { poc } = await saveDojoAsPoc(api, dojo.id);
    onSaved(poc.id);
  });
  if (dojo.pocId) {
    return (
      <p className="alert alert--info" role="status">
        Saved as a POC: <Link to={`/pocs/${dojo.pocId}`}>open it</Link>.
      </p>
    );
  }
  if (!mayManage) return null;
  return (
    <section aria-labelledby="save-poc-title" className="panel">
      <h2 id="save-poc-title">Keep this dojo</h2>
      <p className="muted">
        Save it as a POC of the team: the kata, the traffic lights and who took part go into its description, the final
        files into a zip attachment. It is found by search like any other POC.
      </p>
      <ProblemAlert error={save.error} />
      <button type="button" className="button" disabled={save.busy} onClick={() => void save.run()}>
        {save.busy ? 'Saving…' : 'Save as POC'}
      </button>
    </section>
  );
}
