import { Tabs } from '@mantine/core';
import { useCurrentUser } from '../../auth/AuthProvider';
import { PageHeader } from '../../components/PageHeader';
import { AccountPanel } from './AccountPanel';
import { AuditPanel } from './AuditPanel';
import { BackupsPanel } from './BackupsPanel';
import { DatabasePanel } from './DatabasePanel';
import { GeneralPanel } from './GeneralPanel';
import { PrivacyNoticesPanel } from './PrivacyNoticesPanel';
import { QuestionnairePanel } from './QuestionnairePanel';
import { RetentionPanel } from './RetentionPanel';
import { UsersPanel } from './UsersPanel';

/** Impostazioni: everyone manages their own account; administrators also backups, the database, users, settings, the privacy notice, data retention and the audit log. */
export function SettingsPage() {
  const user = useCurrentUser();
  const admin = user.role === 'amministratore';
  return (
    <>
      <PageHeader title="Impostazioni" />
      <Tabs defaultValue={admin ? 'backup' : 'account'} keepMounted={false}>
        <Tabs.List mb="md">
          {admin && <Tabs.Tab value="backup">Backup</Tabs.Tab>}
          {admin && <Tabs.Tab value="database">Database</Tabs.Tab>}
          {admin && <Tabs.Tab value="utenti">Utenti</Tabs.Tab>}
          {admin && <Tabs.Tab value="generali">Generali</Tabs.Tab>}
          {admin && <Tabs.Tab value="questionario">Questionario L.R. 14</Tabs.Tab>}
          {admin && <Tabs.Tab value="informativa">Informativa privacy</Tabs.Tab>}
          {admin && <Tabs.Tab value="conservazione">Conservazione dei dati</Tabs.Tab>}
          {admin && <Tabs.Tab value="registro">Registro modifiche</Tabs.Tab>}
          <Tabs.Tab value="account">Il mio account</Tabs.Tab>
        </Tabs.List>
        {admin && <Tabs.Panel value="backup"><BackupsPanel /></Tabs.Panel>}
        {admin && <Tabs.Panel value="database"><DatabasePanel /></Tabs.Panel>}
        {admin && <Tabs.Panel value="utenti"><UsersPanel /></Tabs.Panel>}
        {admin && <Tabs.Panel value="generali"><GeneralPanel /></Tabs.Panel>}
        {admin && <Tabs.Panel value="questionario"><QuestionnairePanel /></Tabs.Panel>}
        {admin && <Tabs.Panel value="informativa"><PrivacyNoticesPanel /></Tabs.Panel>}
        {admin && <Tabs.Panel value="conservazione"><RetentionPanel /></Tabs.Panel>}
        {admin && <Tabs.Panel value="registro"><AuditPanel /></Tabs.Panel>}
        <Tabs.Panel value="account"><AccountPanel /></Tabs.Panel>
      </Tabs>
    </>
  );
}
