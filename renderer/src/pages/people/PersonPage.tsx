import { Alert, Anchor, Badge, Button, Group, Tabs } from '@mantine/core';
import { IconArrowLeft, IconShieldLock } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { PersonPage as PersonPageData } from '../../../../electron/contract/people';
import { CASE_COORDINATORS, CASE_WRITERS, canSeePersonalData, DATA_COPY_ROLES } from '../../../../electron/contract/roles';
import { useApiQuery } from '../../api/hooks';
import { useCurrentUser } from '../../auth/AuthProvider';
import { QueryState } from '../../components/QueryState';
import { AnonymisedPerson, RequestAnonymisationModal } from './person/Anonymised';
import { AssessmentForm } from './person/AssessmentForm';
import { AssessmentHistory } from './person/AssessmentHistory';
import { EditCaseModal, NewCaseModal } from './person/CaseForms';
import { CasePanel, type CasePermissions } from './person/CasePanel';
import { isOpen, sortCases } from './person/caseLabels';
import { DocumentsPanel } from './person/DocumentsPanel';
import { MergeModal } from './person/MergeModal';
import { MergedRecords } from './person/MergedRecords';
import { NotesPanel } from './person/NotesPanel';
import { PathPanel } from './person/PathPanel';
import { DataCopyButton } from './person/PrivacyPanel';
import { PersonHeader } from './person/PersonHeader';
import { Timeline } from './person/Timeline';
import { TransitionModal, type CaseAction } from './person/TransitionModal';

type Dialog = 'assess' | 'newCase' | 'editCase' | 'merge' | 'anonymise' | null;

function Person({ page }: { page: PersonPageData }) {
  const user = useCurrentUser();
  // a merged record is kept only to point at the one that replaced it
  const merged = page.person.mergedIntoId !== null;
  const can: CasePermissions = { write: CASE_WRITERS.includes(user.role) && !merged, coordinate: CASE_COORDINATORS.includes(user.role) && !merged };
  const sensitive = canSeePersonalData(user.role);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [action, setAction] = useState<CaseAction | null>(null);
  const cases = sortCases(page.cases);
  const current = cases.find(isOpen) ?? cases[0];
  const p = page.person;
  const notes = page.timeline.filter((e) => e.kind === 'nota').length;
  const close = () => setDialog(null);
  // an anonymised person: only the fields the reports count, nothing to edit
  if (p.anonymisedAt !== null) return <AnonymisedPerson page={page} />;
  return (
    <>
      {/* the person's rights (GDPR): a copy of their data, anonymisation on request */}
      {DATA_COPY_ROLES.includes(user.role) && !merged && (
        <Group justify="flex-end" mb="xs" gap="xs">
          <DataCopyButton person={p} />
          {user.role === 'amministratore' && (
            <Button size="xs" variant="subtle" color="red" leftSection={<IconShieldLock size={14} />} onClick={() => setDialog('anonymise')}>
              Anonimizza su richiesta…
            </Button>
          )}
        </Group>
      )}
      {p.mergedIntoId !== null && (
        <Alert color="orange" title="Scheda unita a un’altra" mb="md">
          Questa scheda è stata unita a quella conservata: i dati aggiornati sono lì.{' '}
          <Anchor component={Link} to={`/persone/${p.mergedIntoId}`} fw={600}>Apri la scheda conservata (n. {p.mergedIntoId})</Anchor>
        </Alert>
      )}
      <MergedRecords merges={page.merges} canUnmerge={can.coordinate} />
      <PersonHeader page={page} canEdit={can.write} canMerge={can.coordinate} onMerge={() => setDialog('merge')} />
      <Tabs defaultValue="percorso" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="percorso">Percorso</Tabs.Tab>
          <Tabs.Tab value="cronologia" rightSection={<Badge size="xs" variant="light" color="gray">{page.timeline.length}</Badge>}>Cronologia</Tabs.Tab>
          <Tabs.Tab value="valutazioni" rightSection={<Badge size="xs" variant="light" color="gray">{page.assessments.length}</Badge>}>Valutazioni</Tabs.Tab>
          <Tabs.Tab value="documenti" rightSection={<Badge size="xs" variant="light" color="gray">{page.documents.length}</Badge>}>Documenti</Tabs.Tab>
          {sensitive && <Tabs.Tab value="note" rightSection={<Badge size="xs" variant="light" color="gray">{notes}</Badge>}>Note</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="percorso">
          <CasePanel
            cases={cases}
            assessments={page.assessments}
            can={can}
            onAction={setAction}
            onAssess={() => setDialog('assess')}
            onEdit={() => setDialog('editCase')}
            onNewCase={() => setDialog('newCase')}
          />
          <PathPanel personId={p.id} personName={`${p.lastName} ${p.firstName}`} canWrite={can.write} />
        </Tabs.Panel>
        <Tabs.Panel value="cronologia">
          <Timeline entries={page.timeline} />
        </Tabs.Panel>
        <Tabs.Panel value="valutazioni">
          <AssessmentHistory assessments={page.assessments} canSeeAnswers={sensitive} />
        </Tabs.Panel>
        <Tabs.Panel value="documenti">
          <DocumentsPanel personId={p.id} documents={page.documents} canWrite={can.write} canDownload={sensitive} />
        </Tabs.Panel>
        {sensitive && (
          <Tabs.Panel value="note">
            <NotesPanel personId={p.id} openCaseId={current && isOpen(current) ? current.id : null} canWrite={can.write} />
          </Tabs.Panel>
        )}
      </Tabs>

      {current && (
        <>
          <TransitionModal caseView={current} action={action} onClose={() => setAction(null)} />
          <AssessmentForm
            opened={dialog === 'assess'}
            caseView={current}
            personName={`${p.lastName} ${p.firstName}`}
            canRoute={can.coordinate}
            onClose={close}
            onRoute={(a) => {
              close();
              setAction(a);
            }}
          />
          <EditCaseModal caseView={current} opened={dialog === 'editCase'} onClose={close} />
        </>
      )}
      <NewCaseModal personId={p.id} opened={dialog === 'newCase'} onClose={close} />
      {/* mounted by role, not by `can`: the merge turns this record into a merged one while the modal finishes */}
      {CASE_COORDINATORS.includes(user.role) && <MergeModal current={page} opened={dialog === 'merge'} onClose={close} />}
      {dialog === 'anonymise' && <RequestAnonymisationModal personId={p.id} name={`${p.lastName} ${p.firstName}`} onClose={close} />}
    </>
  );
}

/** La scheda persona (/persone/:id): header, then Percorso, Cronologia, Valutazioni, Documenti, Note. */
export function PersonPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const personId = Number(id);
  const valid = Number.isSafeInteger(personId) && personId > 0;
  const page = useApiQuery('people.get', { id: personId }, { enabled: valid });
  return (
    <>
      <Group mb="xs">
        <Button variant="subtle" size="xs" leftSection={<IconArrowLeft size={14} />} onClick={() => navigate('/persone')}>
          Elenco persone
        </Button>
      </Group>
      {valid ? (
        <QueryState query={page}>{(data) => <Person key={data.person.id} page={data} />}</QueryState>
      ) : (
        <Alert color="red" title="Scheda non trovata">L’indirizzo non indica una persona valida. Tornare all’elenco delle persone.</Alert>
      )}
    </>
  );
}
