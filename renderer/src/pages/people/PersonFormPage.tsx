import { Alert, Anchor, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useHotkeys } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { DuplicateCandidate, PersonDetail } from '../../../../electron/contract/people';
import type { ReferenceData } from '../../../../electron/contract/system';
import { CASE_WRITERS } from '../../../../electron/contract/roles';
import { call } from '../../api/client';
import { useApiQuery } from '../../api/hooks';
import { useReference } from '../../api/reference';
import { useCurrentUser } from '../../auth/AuthProvider';
import { applyServerErrors } from '../../auth/formErrors';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { AlreadyRegisteredModal, type AlreadyRegistered } from './AlreadyRegisteredModal';
import { DuplicateModal } from './DuplicateModal';
import { PersonFormFields, referenceOptions } from './PersonFormFields';
import { caseOpeningFrom, emptyPersonValues, personFormValidation, personInputFrom, registrationPrivacyFrom, valuesFromPerson, type PersonFormValues } from './personForm';
import { FormSaveBar } from '../../components/FormSaveBar';
import { StaleRecordAlert, staleRecordMessage, useRecordReload } from '../../components/StaleRecordAlert';

/** True when the key press belongs to an open dropdown or dialog, which closes itself on Esc. */
function escapeHandledElsewhere(event: KeyboardEvent): boolean {
  const target = event.target instanceof HTMLElement ? event.target : null;
  return event.defaultPrevented || target?.getAttribute('aria-expanded') === 'true' || document.querySelector('[role="dialog"]') !== null;
}

/** Brings the first field with an error (in the order of the page) into view and focus. */
function focusFirstError(form: HTMLFormElement | null, paths: string[]) {
  const fields = [...(form?.querySelectorAll<HTMLElement>('[data-path]') ?? [])];
  const first = fields.find((el) => paths.includes(el.dataset.path ?? ''));
  const target = first?.matches('input, textarea, button') ? first : first?.querySelector<HTMLElement>('input, textarea');
  target?.focus();
  target?.scrollIntoView({ block: 'center' });
}

/** `onReload` loads the person again into a new form (after another user's save refused this one). */
function PersonForm({ reference, person, onReload }: { reference: ReferenceData; person: PersonDetail | null; onReload?: () => void }) {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const isNew = person === null;
  const options = useMemo(() => referenceOptions(reference), [reference]);
  const formRef = useRef<HTMLFormElement>(null);
  const [duplicates, setDuplicates] = useState<DuplicateCandidate[] | null>(null);
  const [existing, setExisting] = useState<AlreadyRegistered | null>(null);
  const [saving, setSaving] = useState(false);
  // the version the form was filled from: the save sends it back, however often the page refetches
  const [version] = useState(person?.version ?? 0);
  const [stale, setStale] = useState<string | null>(null);
  const form = useForm<PersonFormValues>({
    initialValues: person ? valuesFromPerson(person) : emptyPersonValues(reference.referents.some((r) => r.id === user.id) ? user.id : null),
    validate: personFormValidation(isNew),
  });

  const leave = () => {
    const fallback = person ? `/persone/${person.id}` : '/persone';
    const canGoBack = ((window.history.state as { idx?: number } | null)?.idx ?? 0) > 0;
    if (canGoBack) void navigate(-1);
    else void navigate(fallback);
  };
  const cancel = () => {
    if (!form.isDirty()) return leave();
    modals.openConfirmModal({
      title: 'Uscire senza salvare?',
      children: <Text size="sm">I dati inseriti in questo modulo andranno persi.</Text>,
      labels: { confirm: 'Esci senza salvare', cancel: 'Continua a compilare' },
      confirmProps: { color: 'red' },
      onConfirm: leave,
    });
  };

  useHotkeys(
    [
      ['mod+S', () => formRef.current?.requestSubmit()],
      ['Escape', (event) => !escapeHandledElsewhere(event) && cancel(), { preventDefault: false }],
    ],
    [],
  );

  const failed = (title: string, error: unknown) => {
    const staleMessage = staleRecordMessage(error);
    setStale(staleMessage);
    // the refusal of an old version is told by the alert in the save bar, with its «Ricarica»
    if (!staleMessage) notifications.show({ color: 'red', title, message: applyServerErrors(form, error) });
  };

  const register = async (values: PersonFormValues, acknowledged: number[] | null) => {
    const input = personInputFrom(values);
    if (acknowledged === null) {
      const check = await call('people.checkDuplicates', {
        taxCode: input.taxCode,
        lastName: input.lastName,
        firstName: input.firstName,
        birthDate: input.birthDate,
        phone: input.phone,
        email: input.email,
      });
      // the same codice fiscale, in any form, is that person: the registration stops and shows them
      if (check.sameTaxCode) {
        setExisting({ person: check.sameTaxCode, openCase: check.sameTaxCodeCase });
        return;
      }
      if (check.likely.length > 0) {
        setDuplicates(check.likely);
        return;
      }
    }
    // the person and the presa in carico in one transaction: both are written, or neither
    const registered = await call('people.register', { ...input, ...registrationPrivacyFrom(values), ...caseOpeningFrom(values), acknowledgedDuplicates: acknowledged ?? [] });
    setDuplicates(null);
    await queryClient.invalidateQueries();
    if (!registered.created) {
      notifications.show({ color: 'blue', message: 'Persona già registrata: aperta la scheda esistente' });
    } else {
      notifications.show({ color: 'green', message: `Registrazione completata: ${input.lastName} ${input.firstName}, presa in carico aperta` });
    }
    void navigate(`/persone/${registered.personId}`, { replace: true });
  };

  const update = async (values: PersonFormValues, id: number) => {
    await call('people.update', { id, version, ...personInputFrom(values) });
    await queryClient.invalidateQueries();
    notifications.show({ color: 'green', message: 'Dati della persona aggiornati' });
    void navigate(`/persone/${id}`, { replace: true });
  };

  const save = async (values: PersonFormValues, acknowledged: number[] | null = null) => {
    setSaving(true);
    try {
      if (person) await update(values, person.id);
      else await register(values, acknowledged);
    } catch (error) {
      setDuplicates(null);
      failed(isNew ? 'Registrazione non riuscita' : 'Modifiche non salvate', error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={form.onSubmit(
        (values) => void save(values),
        (errors, _values, event) => {
          notifications.show({ id: 'persona-campi-da-controllare', color: 'red', message: 'Controllare i campi evidenziati in rosso' });
          focusFirstError(event?.currentTarget instanceof HTMLFormElement ? event.currentTarget : null, Object.keys(errors));
        },
      )}
    >
      <PersonFormFields form={form} reference={reference} options={options} personId={person?.id ?? null} />
      <FormSaveBar
        submitLabel={isNew ? 'Registra persona' : 'Salva modifiche'}
        saving={saving}
        onCancel={cancel}
        notice={stale && onReload && <StaleRecordAlert message={stale} dirty={form.isDirty()} onReload={onReload} />}
      />
      <AlreadyRegisteredModal
        existing={existing}
        onClose={() => setExisting(null)}
        onOpen={(id) => {
          setExisting(null);
          form.resetDirty();
          void navigate(`/persone/${id}`);
        }}
      />
      <DuplicateModal
        candidates={duplicates}
        saving={saving}
        onClose={() => setDuplicates(null)}
        onSame={(id) => {
          setDuplicates(null);
          form.resetDirty();
          void navigate(`/persone/${id}`);
        }}
        onDifferent={(ids) => void save(form.getValues(), ids)}
      />
    </form>
  );
}

function NewPerson() {
  const reference = useReference();
  return (
    <>
      <PageHeader title="Nuova persona" subtitle="Registrazione e presa in carico" />
      <QueryState query={reference}>{(ref) => <PersonForm reference={ref} person={null} />}</QueryState>
    </>
  );
}

function EditPerson({ id }: { id: number }) {
  const reference = useReference();
  const page = useApiQuery('people.get', { id });
  // «Ricarica»: a new form, filled from the record as saved now
  const { loads, reload } = useRecordReload();
  const name = page.data ? `${page.data.person.lastName} ${page.data.person.firstName}` : '';
  return (
    <>
      <PageHeader title={name ? `Modifica: ${name}` : 'Modifica persona'} subtitle="Dati anagrafici, contatti e profilo" />
      <QueryState query={reference}>
        {(ref) => (
          <QueryState query={page}>
            {({ person }) =>
              person.personalDataHidden ? (
                <Alert color="yellow">Il suo ruolo non consente di vedere e modificare i dati personali di questa persona.</Alert>
              ) : (
                // the form starts from the loaded data: a new key when another person is opened, or reloaded
                <PersonForm key={`${person.id}-${loads}`} reference={ref} person={person} onReload={reload} />
              )
            }
          </QueryState>
        )}
      </QueryState>
    </>
  );
}

/** /persone/nuova registers a person and opens the case; /persone/:id/modifica edits the person's data. */
export function PersonFormPage() {
  const { id } = useParams();
  const user = useCurrentUser();
  const personId = id === undefined ? null : Number(id);
  if (!CASE_WRITERS.includes(user.role)) {
    return (
      <>
        <PageHeader title={personId === null ? 'Nuova persona' : 'Modifica persona'} />
        <Alert color="yellow" title="Operazione non consentita">
          {personId === null ? 'Il suo ruolo non consente di registrare persone.' : 'Il suo ruolo non consente di modificare i dati delle persone.'}{' '}
          <Anchor component={Link} to={personId === null ? '/persone' : `/persone/${personId}`}>
            {personId === null ? 'Torna all’elenco delle persone' : 'Torna alla scheda'}
          </Anchor>
        </Alert>
      </>
    );
  }
  if (personId === null) return <NewPerson />;
  if (!Number.isSafeInteger(personId) || personId <= 0) {
    return (
      <>
        <PageHeader title="Modifica persona" />
        <Alert color="red">Scheda non trovata: l’indirizzo non indica una persona.</Alert>
      </>
    );
  }
  return <EditPerson id={personId} />;
}
