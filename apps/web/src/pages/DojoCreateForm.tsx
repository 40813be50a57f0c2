import { useServices } from '../AppContext.tsx';
import { createDojo } from '../api/dojos.ts';
import { EditPolicies, type EditPolicy, type Kata } from '../api/types.ts';
import { Field } from '../components/Field.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { useAsyncAction } from '../lib/useAsyncAction.ts';
import { useForm } from '../lib/useForm.ts';
import { navigate } from '../router.tsx';

export const dojoLanguages = [
  { value: 'typescript', label: 'TypeScript' },
  { value: 'python', label: 'Python' },
  { value: 'java', label: 'Java' },
  { value: 'go', label: 'Go' },
];

const policyLabels: Record<EditPolicy, string> = {
  driver: 'Only the driver (and facilitator) types',
  everyone: 'Everyone may type',
};
const policyOptions = EditPolicies.map((p) => ({ value: p, label: policyLabels[p] }));

/** Schedules a dojo; the creator becomes its facilitator. */
export function DojoCreateForm({ katas }: { katas: Kata[] }) {
  const { api } = useServices();
  const { values: form, bind } = useForm({
    title: '',
    kataId: katas[0]?.id ?? '',
    language: 'typescript',
    durationMinutes: '60',
    rotationMinutes: '7',
    editPolicy: 'driver' as EditPolicy,
    scheduledAt: '',
  });
  const create = useAsyncAction(async () => {
    const dojo = await createDojo(api, {
      title: form.title.trim(),
      kataId: form.kataId || undefined,
      language: form.language,
      durationMinutes: Number(form.durationMinutes),
      rotationMinutes: Number(form.rotationMinutes),
      editPolicy: form.editPolicy,
      scheduledAt: form.scheduledAt ? new Date(form.scheduledAt).toISOString() : undefined,
    });
    navigate(`/dojos/${dojo.id}`);
  });
  const kata = katas.find((k) => k.id === form.kataId);
  const kataOptions = [
    { value: '', label: 'Free coding (no kata)' },
    ...katas.map((k) => ({ value: k.id, label: k.title })),
  ];
  return (
    <form className="card" onSubmit={create.submit} aria-labelledby="create-dojo-title" noValidate>
      <h2 id="create-dojo-title">Create a dojo</h2>
      <ProblemAlert
        error={create.error}
        fields={['title', 'kataId', 'language', 'durationMinutes', 'rotationMinutes', 'editPolicy', 'scheduledAt']}
      />
      <Field label="Title" required {...bind('title', create.error)} />
      <div className="row">
        <SelectField label="Kata" options={kataOptions} {...bind('kataId', create.error)} />
        <SelectField label="Language" options={dojoLanguages} {...bind('language', create.error)} />
      </div>
      {kata?.summary && <p className="muted">{kata.summary}</p>}
      <div className="row">
        <Field label="Duration (minutes)" type="number" min={1} max={480} {...bind('durationMinutes', create.error)} />
        <Field
          label="Rotate driver every (minutes)"
          type="number"
          min={1}
          max={120}
          {...bind('rotationMinutes', create.error)}
        />
      </div>
      <div className="row">
        <SelectField label="Who may edit" options={policyOptions} {...bind('editPolicy', create.error)} />
        <Field label="Scheduled for (optional)" type="datetime-local" {...bind('scheduledAt', create.error)} />
      </div>
      <button type="submit" className="button" disabled={create.busy}>
        {create.busy ? 'Creating…' : 'Create dojo'}
      </button>
    </form>
  );
}
