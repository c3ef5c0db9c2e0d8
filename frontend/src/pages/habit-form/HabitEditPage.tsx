import ArrowBackRounded from '@mui/icons-material/ArrowBackRounded';
import { Button } from '@mui/material';
import { useEffect, useState } from 'react';
import { Link as RouterLink, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { habitsApi, type Habit } from '../../api';
import { ErrorState, Loading, PageHeader } from '../../components/PageState';
import { useLoad } from '../../hooks/useLoad';
import { useSubmit } from '../../hooks/useSubmit';
import { useAuth } from '../../store/auth';
import { toast } from '../../store/toast';
import { dependentsMessage } from '../../utils/dependents';
import { todayIn } from '../../utils/time';
import { HabitForm } from './HabitForm';
import { HABIT_FIELDS, initialValues, toInput, validate, type HabitFormValues } from './habitFormModel';

async function loadForm(id: number | null) {
  const [habit, pleasant] = await Promise.all([
    id === null ? Promise.resolve(null) : habitsApi.get(id),
    habitsApi.list({ is_pleasant: 'true', is_active: 'true', page_size: 100, ordering: 'name' }),
  ]);
  return { habit, pleasant: pleasant.results.filter((h) => h.id !== id) };
}

/** Only paths inside this app may be a `next` target. */
function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : null;
}

export function HabitEditPage() {
  const { id: idParam } = useParams();
  const id = idParam ? Number(idParam) : null;
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const timeZone = useAuth((s) => s.user?.timezone) ?? 'UTC';
  const { data, error, loading, reload } = useLoad(() => loadForm(id), [id]);
  const [values, setValues] = useState<HabitFormValues | null>(null);
  const { errors, general, setGeneral, busy, run, clearField, failures, fail } = useSubmit(HABIT_FIELDS);

  useEffect(() => {
    if (data) setValues(initialValues(data.habit, params, todayIn(timeZone), data.pleasant));
    // The form starts from the loaded habit once; later URL changes do not reset what the user typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data]);

  const title = id === null ? 'New habit' : 'Edit habit';
  const back = id === null ? '/habits' : `/habits/${id}`;
  const header = (
    <PageHeader
      title={title}
      subtitle={id === null ? 'Small, obvious and paired with something you enjoy.' : data?.habit?.name}
      action={
        <Button startIcon={<ArrowBackRounded />} component={RouterLink} to={back} color="inherit">
          Back
        </Button>
      }
    />
  );
  if (error) return <>{header}<ErrorState error={error} onRetry={reload} /></>;
  if (loading || !data || !values) return <>{header}<Loading /></>;

  const change = (patch: Partial<HabitFormValues>) => {
    setValues({ ...values, ...patch });
    Object.keys(patch).forEach(clearField);
  };

  const submit = async () => {
    const local = validate(values, id ?? undefined);
    if (Object.keys(local).length) {
      fail(local, 'Some fields need a look.');
      return;
    }
    let saved: Habit | null = null;
    const ok = await run(
      async () => {
        saved = id === null ? await habitsApi.create(toInput(values)) : await habitsApi.update(id, toInput(values));
      },
      (err) => {
        const message = dependentsMessage(err);
        if (message) setGeneral(message);
        return message !== null;
      },
    );
    if (ok && saved) {
      const habit: Habit = saved;
      toast(id === null ? `“${habit.name}” is on its way. Small steps!` : 'Changes saved.');
      navigate(safeNext(params.get('next')) ?? `/habits/${habit.id}`);
    }
  };

  return (
    <>
      {header}
      <HabitForm
        values={values}
        errors={errors}
        general={general}
        busy={busy}
        failures={failures}
        editing={id !== null}
        pleasantHabits={data.pleasant}
        onChange={change}
        onSubmit={() => void submit()}
        onCancel={() => navigate(back)}
      />
    </>
  );
}
