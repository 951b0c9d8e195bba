import { expect, test, type APIRequestContext } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config';
import { AppPage } from './pages/app';
import { ApiClient, answersSumming, isoToday, PersonPage, randomBirthDate, uniqueSurname, type Template } from './pages/person';

/** The person page: a case's steps, the L.R. 14 assessment, documents, notes, merging, role limits. */

interface Made {
  personId: number;
  caseId: number | null;
  lastName: string;
  birthDate: string;
}

async function admin(request: APIRequestContext): Promise<ApiClient> {
  return ApiClient.login(request, E2E_ADMIN.username, E2E_ADMIN.password);
}

/** A person of our own (other specs share the database), optionally with a case referred by a Caritas listening point. */
async function makePerson(api: ApiClient, options: { twinOf?: Made; withCase?: boolean } = {}): Promise<Made> {
  const lastName = options.twinOf?.lastName ?? uniqueSurname('');
  const birthDate = options.twinOf?.birthDate ?? randomBirthDate();
  const { personId } = await api.call<{ personId: number }>('people.create', {
    lastName,
    firstName: 'Giovanna',
    sex: 'F',
    birthDate,
    taxCodeMissingReason: 'In attesa di attribuzione',
    privacyAcknowledgedOn: '2024-01-15',
    domicileIstat: '037006',
    phone: `333 ${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`,
    educationIsced: 3,
    languages: ['italiano', 'rumeno'],
    drivingLicence: 'B',
    skills: ['pulizie', 'assistenza anziani'],
    workExperiences: [
      { role: 'Badante', employer: 'Famiglia privata', startDate: '2016-02-01', endDate: '2019-05-31', description: 'Assistenza notturna a una signora non autosufficiente' },
      { role: 'Addetta alle pulizie', employer: 'Coop Servizi Bologna', startDate: '2021-09-01', endDate: null },
      { role: 'Cameriera', employer: 'Bar Centrale', startDate: '2012-06-01', endDate: '2012-09-30' },
    ],
    acknowledgedDuplicates: options.twinOf ? [options.twinOf.personId] : [],
  });
  if (options.withCase === false) return { personId, caseId: null, lastName, birthDate };
  const reference = await api.call<{ organisations: { id: number; code: string }[] }>('system.reference', {});
  const caritas = reference.organisations.find((o) => o.code === 'caritas_bo');
  const created = await api.call<{ id: number }>('cases.create', {
    personId,
    channelCode: 'caritas',
    referringOrgId: caritas?.id ?? null,
    referringPoint: 'Centro d’ascolto parrocchiale di San Donato',
    applicationDate: isoToday(),
  });
  return { personId, caseId: created.id, lastName, birthDate };
}

test.beforeEach(async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.login(E2E_ADMIN.username, E2E_ADMIN.password);
  await expect(page.getByRole('heading', { name: 'Cruscotto' })).toBeVisible();
});

test('a Caritas referral is interviewed, assessed at 18 points and taken in charge', async ({ page, request }) => {
  const api = await admin(request);
  const made = await makePerson(api);
  const template = await api.call<Template>('assessments.template', {});
  const picks = answersSumming(template, 18);
  const person = new PersonPage(page);
  const app = new AppPage(page);

  await person.open(made.personId);
  await expect(page.getByRole('heading', { level: 2, name: `${made.lastName} Giovanna` })).toBeVisible();
  await expect(person.status).toHaveText('Iscritto');
  await expect(page.getByText('Punto di ascolto Caritas')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Unisci con…' })).toBeVisible();
  // the profile: newest experience first, the others on request
  const profile = page.getByRole('region', { name: 'Profilo' });
  await expect(profile).toContainText('Diploma superiore / qualifica (ISCED 3)');
  await expect(profile.getByTestId('work-experience')).toHaveText([/^Addetta alle pulizie · Coop Servizi Bologna — dal 09\/2021, in corso/, /^Badante · Famiglia privata — 02\/2016 – 05\/2019/]);
  await profile.getByRole('button', { name: 'Mostra tutte (3)' }).click();
  await expect(profile.getByTestId('work-experience')).toHaveCount(3);
  await app.snap('60a-persona');

  // Fissa colloquio: the interview a week from now, typed the Italian way
  await person.caseAction('Fissa colloquio').click();
  const schedule = person.dialog('Fissa colloquio');
  await person.typeDate(schedule, 'Giorno del colloquio', isoToday(7));
  await person.settled(schedule);
  await app.snap('60b-fissa-colloquio');
  await schedule.getByRole('button', { name: 'Fissa colloquio' }).click();
  await expect(schedule).toBeHidden();
  await expect(person.status).toHaveText('Colloquio fissato');

  // Valuta: the running total and band follow the answers
  await person.caseAction('Valuta (L.R. 14)').click();
  const form = person.dialog(/^Valutazione L\.R\. 14\/2015/);
  await expect(form.getByText(`1 di ${picks.length}`)).toHaveCount(0);
  const half = picks.slice(0, Math.ceil(picks.length / 2));
  for (const p of half) await person.answer(p.itemCode, p.option);
  const partial = half.reduce((s, p) => s + p.option.points, 0);
  await expect(person.total).toHaveText(String(partial));
  await expect(form.getByTestId('assessment-answered')).toHaveText(`${half.length} di ${picks.length} risposte`);

  // saving with answers missing: the server's field errors mark the unanswered items
  await form.getByRole('button', { name: 'Salva valutazione' }).click();
  await expect(form.getByRole('alert').filter({ hasText: 'Valutazione non salvata' })).toBeVisible();
  await expect(form.locator('[data-error="true"]')).toHaveCount(picks.length - half.length);
  await app.snap('61-valutazione-in-corso');

  for (const p of picks.slice(half.length)) await person.answer(p.itemCode, p.option);
  await expect(form.locator('[data-error="true"]')).toHaveCount(0);
  await expect(person.total).toHaveText('18');
  await expect(person.band).toHaveText('Persona da accompagnare verso il lavoro');
  await expect(form.getByTestId('assessment-answered')).toHaveText(`${picks.length} di ${picks.length} risposte`);
  await form.getByRole('button', { name: 'Salva valutazione' }).click();
  await expect(form.getByText('Valutazione registrata')).toBeVisible();
  await expect(form.getByText('18 punti')).toBeVisible();

  // the band proposes taking in charge
  await form.getByRole('button', { name: 'Prendi in carico' }).click();
  await expect(form).toBeHidden();
  const routing = person.dialog('Prendi in carico');
  await expect(routing.getByLabel('Data dell’operazione')).toBeVisible();
  await person.settled(routing);
  await app.snap('62-prendi-in-carico');
  await routing.getByRole('button', { name: 'Prendi in carico' }).click();
  await expect(routing).toBeHidden();
  await expect(person.status).toHaveText('In carico');
  await expect(page.getByTestId('band-badge').first()).toHaveText('Persona da accompagnare verso il lavoro');
  await expect(person.caseAction('Avvia percorso')).toBeVisible();

  await person.tab('Cronologia');
  await expect(page.getByTestId('timeline-valutazione')).toHaveCount(1);
  expect(await page.getByTestId('timeline-stato').count()).toBeGreaterThanOrEqual(3);
  await app.snap('63-cronologia');

  await person.tab('Valutazioni');
  await page.getByRole('button', { name: new Date().toLocaleDateString('it-IT', { day: '2-digit', month: '2-digit', year: 'numeric' }) }).click();
  const detail = person.dialog(/^Valutazione del/);
  await expect(detail.getByText('18 punti', { exact: true })).toBeVisible();
  const first = picks[0];
  if (first) await expect(detail.getByRole('cell', { name: first.option.label }).first()).toBeVisible();
  await person.settled(detail);
  await app.snap('64-valutazione-dettaglio');
});

test('a document is attached and downloaded, a note is added', async ({ page, request }) => {
  const api = await admin(request);
  const made = await makePerson(api);
  const person = new PersonPage(page);
  const app = new AppPage(page);
  await person.open(made.personId);

  await person.tab('Documenti');
  await expect(page.getByText('Nessun documento allegato.')).toBeVisible();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Allega documento' }).click();
  await (await chooser).setFiles({ name: 'cv-giovanna.txt', mimeType: 'text/plain', buffer: Buffer.from('Curriculum vitae di prova\nEsperienze: magazzino, pulizie.\n') });
  const upload = person.dialog('Allega documento');
  await upload.getByLabel('Nota').fill('CV consegnato al colloquio');
  await upload.getByLabel('È il CV della persona').check();
  await upload.getByRole('button', { name: 'Allega' }).click();
  await expect(upload).toBeHidden();
  const row = page.getByRole('row', { name: /cv-giovanna\.txt/ });
  await expect(row).toContainText('CV consegnato al colloquio');
  await expect(row).toContainText('1 kB');
  await expect(row.getByText('CV', { exact: true })).toBeVisible();
  const download = page.waitForEvent('download');
  await row.getByRole('button', { name: 'cv-giovanna.txt' }).click();
  expect((await download).suggestedFilename()).toBe('cv-giovanna.txt');
  await app.snap('65-documenti');

  // the profile offers the CV too; another document attached later is not the CV
  const profile = page.getByRole('region', { name: 'Profilo' });
  const fromProfile = page.waitForEvent('download');
  await profile.getByRole('button', { name: 'Scarica CV' }).click();
  expect((await fromProfile).suggestedFilename()).toBe('cv-giovanna.txt');
  const another = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Allega documento' }).click();
  await (await another).setFiles({ name: 'carta-identita.txt', mimeType: 'text/plain', buffer: Buffer.from('documento') });
  await expect(upload.getByText('Prenderà il posto del CV attuale (cv-giovanna.txt)')).toBeVisible();
  await upload.getByRole('button', { name: 'Allega' }).click();
  await expect(upload).toBeHidden();
  await expect(page.getByRole('row', { name: /carta-identita\.txt/ }).getByText('CV', { exact: true })).toHaveCount(0);
  await expect(row.getByText('CV', { exact: true })).toBeVisible();

  await person.tab('Note');
  await page.getByLabel('Nuova nota').fill('Disponibile dal lunedì al venerdì, mattina.');
  await page.getByRole('button', { name: 'Aggiungi nota' }).click();
  await expect(page.getByTestId('note').filter({ hasText: 'Disponibile dal lunedì al venerdì, mattina.' })).toBeVisible();
  await expect(page.getByLabel('Nuova nota')).toHaveValue('');
  await app.snap('66-note');

  await person.tab('Cronologia');
  await expect(page.getByTestId('timeline-documento')).toHaveCount(2);
  await expect(page.getByTestId('timeline-nota')).toHaveCount(1);
});

test('a case is closed and the returning person gets a new one', async ({ page, request }) => {
  const api = await admin(request);
  const made = await makePerson(api);
  const person = new PersonPage(page);
  await person.open(made.personId);

  await person.caseAction('Concludi').click();
  const close = person.dialog('Concludi');
  await close.getByRole('button', { name: 'Concludi' }).click();
  await expect(close.getByText('Indicare l’esito')).toBeVisible();
  await close.getByRole('combobox', { name: 'Esito' }).click();
  await page.getByRole('option', { name: 'Ritirato', exact: true }).click();
  await close.getByLabel('Nota').fill('Ha trovato lavoro da sola prima del colloquio');
  await close.getByRole('button', { name: 'Concludi' }).click();
  await expect(close).toBeHidden();
  await expect(person.status).toHaveText('Concluso');
  await expect(page.getByText('Nessun caso aperto')).toBeVisible();
  await person.noDialog();
  await new AppPage(page).snap('71-caso-concluso');

  await page.getByRole('button', { name: 'Nuova presa in carico' }).click();
  const open = person.dialog('Nuova presa in carico');
  await open.getByRole('combobox', { name: 'Canale di accesso' }).click();
  await page.getByRole('option', { name: 'Sportello lavoro', exact: true }).click();
  await person.settled(open);
  await new AppPage(page).snap('72-nuova-presa-in-carico');
  await open.getByRole('button', { name: 'Apri presa in carico' }).click();
  await expect(open).toBeHidden();
  await expect(person.status).toHaveText('Iscritto');
  await expect(page.getByRole('heading', { name: 'Prese in carico precedenti' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Punto di ascolto Caritas.*Ritirato/ })).toBeVisible();
});

test('an operator sees neither the merge action nor the routing buttons', async ({ page, request }) => {
  const api = await admin(request);
  const made = await makePerson(api);
  const caseId = made.caseId ?? 0;
  await api.call('cases.transition', { caseId, to: 'colloquio_fissato', date: isoToday(), interviewOn: isoToday() });
  const template = await api.call<Template>('assessments.template', {});
  await api.call('assessments.create', {
    caseId,
    templateId: template.id,
    assessedOn: isoToday(),
    answers: answersSumming(template, 18).map((p) => ({ itemCode: p.itemCode, optionCode: p.option.code })),
  });
  const username = `op.${uniqueSurname('').toLowerCase()}`;
  await api.call('auth.users.create', { fullName: 'Olga Operatrice', username, role: 'operatore', password: 'password-operatrice' });

  const app = new AppPage(page);
  await app.logout();
  await app.login(username, 'password-operatrice');
  await expect(page.getByRole('heading', { name: 'Cruscotto' })).toBeVisible();
  const person = new PersonPage(page);
  await person.open(made.personId);
  await expect(person.status).toHaveText('Valutato');
  await expect(page.getByText('spetta a un coordinatore')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Modifica', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Unisci con…' })).toHaveCount(0);
  for (const name of ['Prendi in carico', 'Fuori target', 'Valuta di nuovo', 'Valuta (L.R. 14)']) {
    await expect(page.getByRole('button', { name })).toHaveCount(0);
  }
  await app.snap('67-persona-operatore');
});

test('a coordinator merges two records of the same person', async ({ page, request }) => {
  const api = await admin(request);
  const kept = await makePerson(api);
  const twin = await makePerson(api, { twinOf: kept, withCase: false });
  const person = new PersonPage(page);
  const app = new AppPage(page);

  await person.open(twin.personId);
  await page.getByRole('button', { name: 'Unisci con…' }).click();
  const merge = person.dialog('Unisci con un’altra scheda');
  await expect(merge.getByRole('button', { name: new RegExp(`scheda ${kept.personId}$`) })).toBeVisible();
  await person.settled(merge);
  await app.snap('68-unisci-cerca');
  await merge.getByRole('button', { name: new RegExp(`Confronta con .*scheda ${kept.personId}$`) }).click();
  await expect(merge.getByText('Le due schede diventano una sola')).toBeVisible();
  await merge.getByTestId(`merge-side-${kept.personId}`).getByRole('radio').check();
  await expect(merge.getByTestId(`merge-side-${kept.personId}`)).toContainText('Questa scheda viene conservata');
  await app.snap('68-unisci-confronto');
  await merge.getByRole('button', { name: 'Unisci le schede' }).click();
  await expect(page).toHaveURL(new RegExp(`#/persone/${kept.personId}$`));
  await expect(person.status).toHaveText('Iscritto');

  await person.open(twin.personId);
  await expect(page.getByText('Scheda unita a un’altra')).toBeVisible();
  await page.getByRole('link', { name: /Apri la scheda conservata/ }).click();
  await expect(page).toHaveURL(new RegExp(`#/persone/${kept.personId}$`));
});

test('Impostazioni: the administrator sees the questionnaire and its versions', async ({ page }) => {
  const app = new AppPage(page);
  await app.goTo('Impostazioni');
  await page.getByRole('tab', { name: 'Questionario L.R. 14' }).click();
  await expect(page.getByText('Versioni del questionario')).toBeVisible();
  await expect(page.getByText('In vigore', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: /^Lavoro/ }).click();
  await app.snap('69-questionario');
  await page.getByRole('button', { name: 'Modifica (nuova versione)' }).click();
  await expect(page.getByRole('button', { name: 'Salva come nuova versione' })).toBeDisabled();
  await page.getByRole('textbox', { name: 'Domanda 1 di Lavoro' }).fill('Durata della disoccupazione (mesi)');
  await expect(page.getByRole('button', { name: 'Salva come nuova versione' })).toBeEnabled();
  await app.snap('70-questionario-modifica');
  await page.getByRole('button', { name: 'Annulla le modifiche' }).click();
  await expect(page.getByRole('button', { name: 'Modifica (nuova versione)' })).toBeVisible();
});
