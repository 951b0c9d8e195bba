import { Anchor, Badge, Button, Card, Grid, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconDownload, IconEdit, IconGitMerge, IconMail, IconMapPin, IconPhone } from '@tabler/icons-react';
import { useId, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import type { PersonDetail, PersonPage, WorkExperience } from '../../../../../electron/contract/people';
import { canSeePersonalData } from '../../../../../electron/contract/roles';
import { useCurrentUser } from '../../../auth/AuthProvider';
import { formatDate } from '../../../format';
import { ISCED_LEVELS } from '../personForm';
import { BandBadge } from './AssessmentHistory';
import { StatusBadge } from './CasePanel';
import { ageOf, isOpen } from './caseLabels';
import { useDocumentDownload } from './DocumentsPanel';
import { PrivacyStatus } from './PrivacyPanel';

function Item({ icon, children }: { icon?: ReactNode; children: ReactNode }) {
  return (
    <Group gap={4} wrap="nowrap">
      {icon}
      <Text size="sm">{children}</Text>
    </Group>
  );
}

/** 'YYYY-MM-DD' as mm/yyyy, the way a CV gives periods. */
function monthYear(iso: string): string {
  return `${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

function period(e: WorkExperience): string {
  if (e.startDate && e.endDate) return `${monthYear(e.startDate)} – ${monthYear(e.endDate)}`;
  if (e.startDate) return `dal ${monthYear(e.startDate)}, in corso`;
  if (e.endDate) return `fino al ${monthYear(e.endDate)}`;
  return 'periodo non indicato';
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" w={120} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <div>{children}</div>
    </Group>
  );
}

const notGiven = (text: string) => (
  <Text size="sm" c="dimmed" fs="italic">
    {text}
  </Text>
);

function Badges({ values, color }: { values: string[]; color: string }) {
  return (
    <Group gap={4}>
      {values.map((v) => (
        <Badge key={v} variant="light" color={color} tt="none" fw={500}>
          {v}
        </Badge>
      ))}
    </Group>
  );
}

/** How many experiences show before «Mostra tutte»: the card stays compact above the tabs. */
const EXPERIENCES_SHOWN = 2;

function Experiences({ experiences }: { experiences: WorkExperience[] }) {
  const [all, setAll] = useState(false);
  if (experiences.length === 0) return notGiven('Nessuna esperienza inserita');
  const shown = all ? experiences : experiences.slice(0, EXPERIENCES_SHOWN);
  return (
    <Stack gap={6}>
      {shown.map((e) => (
        <div key={e.id} data-testid="work-experience">
          <Text size="sm">
            <b>{e.role}</b>
            {e.employer ? ` · ${e.employer}` : ''}
            <Text span size="sm" c="dimmed">
              {' '}
              — {period(e)}
            </Text>
          </Text>
          {e.description && (
            <Text size="xs" c="dimmed" lineClamp={1}>
              {e.description}
            </Text>
          )}
        </div>
      ))}
      {experiences.length > EXPERIENCES_SHOWN && (
        <Anchor component="button" type="button" size="sm" onClick={() => setAll(!all)} ta="left">
          {all ? 'Mostra meno' : `Mostra tutte (${experiences.length})`}
        </Anchor>
      )}
    </Stack>
  );
}

function CvAction({ cvId, cvFileName }: { cvId: number | null; cvFileName: string | null }) {
  const user = useCurrentUser();
  const { download, downloading } = useDocumentDownload();
  if (cvId === null) {
    return (
      <Text size="sm" c="dimmed">
        Nessun CV allegato
      </Text>
    );
  }
  if (!canSeePersonalData(user.role)) {
    return (
      <Badge variant="light" color="teal">
        CV allegato
      </Badge>
    );
  }
  return (
    <Button size="xs" variant="light" leftSection={<IconDownload size={14} />} loading={downloading === cvId} onClick={() => void download(cvId)} title={cvFileName ?? undefined}>
      Scarica CV
    </Button>
  );
}

/**
 * Profilo: education, languages, licence, skills and work experiences (not personal identifiers:
 * every role sees them), and the CV. The title shares its row with the details to keep the card low.
 */
function ProfileCard({ person, cvFileName }: { person: PersonDetail; cvFileName: string | null }) {
  const titleId = useId();
  const education = ISCED_LEVELS.find((l) => Number(l.value) === person.educationIsced)?.label ?? null;
  const empty = education === null && person.languages.length === 0 && !person.drivingLicence && person.skills.length === 0 && person.workExperiences.length === 0;
  const title = (
    <Title order={4} id={titleId}>
      Profilo
    </Title>
  );
  const cv = <CvAction cvId={person.cvDocumentId} cvFileName={cvFileName} />;
  return (
    <Card withBorder radius="md" mb="md" component="section" aria-labelledby={titleId} py="sm">
      {empty ? (
        <Group justify="space-between">
          <Group gap="md">
            {title}
            <Text size="sm" c="dimmed">
              Non ancora compilato (titolo di studio, lingue, patente, competenze, esperienze lavorative).
            </Text>
          </Group>
          {cv}
        </Group>
      ) : (
        <Grid gap="lg">
          <Grid.Col span={6}>
            {title}
            <Stack gap={4} mt={6}>
              <Fact label="Titolo di studio">{education ? <Text size="sm">{education}</Text> : notGiven('non indicato')}</Fact>
              <Fact label="Lingue">{person.languages.length > 0 ? <Badges values={person.languages} color="blue" /> : notGiven('non indicate')}</Fact>
              <Fact label="Patente">{person.drivingLicence ? <Text size="sm">{person.drivingLicence}</Text> : notGiven('non indicata')}</Fact>
              <Fact label="Competenze">{person.skills.length > 0 ? <Badges values={person.skills} color="grape" /> : notGiven('non indicate')}</Fact>
            </Stack>
          </Grid.Col>
          <Grid.Col span={6}>
            <Group justify="space-between" align="center" mih={28} mb={6}>
              <Text size="sm" c="dimmed">
                Esperienze lavorative
              </Text>
              {cv}
            </Group>
            <Experiences experiences={person.workExperiences} />
          </Grid.Col>
        </Grid>
      )}
    </Card>
  );
}

/** The top of the person page: who the person is, then their profile. */
export function PersonHeader({ page, canEdit, canMerge, onMerge }: { page: PersonPage; canEdit: boolean; canMerge: boolean; onMerge: () => void }) {
  return (
    <>
      <Identity page={page} canEdit={canEdit} canMerge={canMerge} onMerge={onMerge} />
      <ProfileCard person={page.person} cvFileName={page.documents.find((d) => d.isCv)?.fileName ?? null} />
    </>
  );
}

/** Who the person is at a glance: name, age, codice fiscale, where they live, how to reach them, where the case stands. */
function Identity({ page, canEdit, canMerge, onMerge }: { page: PersonPage; canEdit: boolean; canMerge: boolean; onMerge: () => void }) {
  const navigate = useNavigate();
  const p = page.person;
  const currentCase = page.cases.find(isOpen) ?? page.cases[0];
  const latest = [...page.assessments].sort((a, b) => b.assessedOn.localeCompare(a.assessedOn) || b.id - a.id)[0];
  const born = p.sex === 'F' ? 'nata' : 'nato';
  return (
    <Card withBorder radius="md" mb="md" component="header">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={6}>
          <Title order={2}>{p.lastName} {p.firstName}</Title>
          {(currentCase || latest || p.outsideMetro) && (
            <Group gap="xs">
              {currentCase && <StatusBadge status={currentCase.status} size="lg" testId="person-status" />}
              {latest && <BandBadge band={latest.band} size="lg" />}
              {p.outsideMetro && <Badge color="red" size="lg">Fuori area</Badge>}
            </Group>
          )}
          {p.personalDataHidden ? (
            <Text size="sm" c="dimmed" fs="italic">Dati personali nascosti per il suo ruolo.</Text>
          ) : (
            <Group gap="lg">
              <Item>
                {p.birthDate ? `${born} il ${formatDate(p.birthDate)} (${ageOf(p.birthDate)} anni)` : 'data di nascita non indicata'}
                {p.birthPlaceName ? ` a ${p.birthPlaceName}` : ''}
              </Item>
              <Item>
                CF:{' '}
                {p.taxCode ? (
                  <Text span ff="monospace" size="sm" fw={600}>{p.taxCode}</Text>
                ) : (
                  <Text span c="dimmed" size="sm">non disponibile{p.taxCodeMissingReason ? ` (${p.taxCodeMissingReason})` : ''}</Text>
                )}
              </Item>
            </Group>
          )}
          <Group gap="lg">
            <Item icon={<IconMapPin size={16} aria-label="Domicilio" />}>
              {p.outsideMetro
                ? `${p.outsideMetroCity ?? 'Comune non indicato'} — fuori dalla Città metropolitana`
                : p.domicileComune
                  ? `${p.domicileComune}${p.district ? ` · distretto ${p.district}` : ''}`
                  : 'Domicilio non indicato'}
            </Item>
            {!p.personalDataHidden && (
              <>
                <Item icon={<IconPhone size={16} aria-label="Telefono" />}>{p.phone ?? '—'}</Item>
                <Item icon={<IconMail size={16} aria-label="Email" />}>{p.email ?? '—'}</Item>
              </>
            )}
          </Group>
          <PrivacyStatus person={p} canRecord={canEdit} />
        </Stack>
        <Group gap="xs" wrap="nowrap">
          {canMerge && (
            <Tooltip label="Se la stessa persona è stata registrata due volte" openDelay={400}>
              <Button variant="default" leftSection={<IconGitMerge size={16} />} onClick={onMerge} disabled={p.mergedIntoId !== null}>
                Unisci con…
              </Button>
            </Tooltip>
          )}
          {canEdit && (
            <Button leftSection={<IconEdit size={16} />} onClick={() => navigate(`/persone/${p.id}/modifica`)} disabled={p.mergedIntoId !== null}>
              Modifica
            </Button>
          )}
        </Group>
      </Group>
    </Card>
  );
}
