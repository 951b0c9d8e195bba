import { expect, test } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config';
import { AppPage } from './pages/app';
import { MatchingPage, openTraineeshipNeed, PathPanel, PathsListPage } from './pages/paths';
import { ApiClient, answersSumming, isoToday, italian, PersonPage, randomBirthDate, uniqueSurname, type Template } from './pages/person';

/**
 * Percorsi and Abbinamenti on the demo data: a need's ranked people with the reasons, a traineeship
 * proposed in one click, its indemnity set on the person page (€ 400 refused, € 450 accepted), its
 * start with the days from the first interview, the intervention found in the Percorsi list.
 */

test.beforeEach(async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.login(E2E_ADMIN.username, E2E_ADMIN.password);
  await expect(page.getByRole('heading', { name: 'Cruscotto' })).toBeVisible();
});

test('a need’s matching proposes a traineeship, completed on the person page and listed in Percorsi', async ({ page, request }) => {
  test.setTimeout(90_000);
  const app = new AppPage(page);
  const need = openTraineeshipNeed();
  const api = await ApiClient.login(request, E2E_ADMIN.username, E2E_ADMIN.password);

  // a person of our own who fits the need: its skills, a domicile in its district, ready for work, experience in the role
  const lastName = uniqueSurname('');
  const { personId } = await api.call<{ personId: number }>('people.create', {
    lastName,
    firstName: 'Loredana',
    sex: 'F',
    birthDate: randomBirthDate(),
    taxCodeMissingReason: 'In attesa di attribuzione',
    privacyAcknowledgedOn: '2024-01-15',
    domicileIstat: need.comuneIstat,
    skills: need.skills,
    workExperiences: [{ role: need.role, employer: 'Cooperativa Il Ponte', startDate: '2016-03-01', endDate: '2019-06-30' }],
  });
  const created = await api.call<{ id: number }>('cases.create', { personId, channelCode: 'caritas', applicationDate: isoToday(-20) });
  await api.call('cases.transition', { caseId: created.id, to: 'colloquio_fissato', date: isoToday(-20), interviewOn: isoToday(-10) });
  const template = await api.call<Template>('assessments.template', {});
  const answers = answersSumming(template, 14).map((a) => ({ itemCode: a.itemCode, optionCode: a.option.code }));
  await api.call('assessments.create', { caseId: created.id, templateId: template.id, assessedOn: isoToday(-10), answers });
  await api.call('cases.transition', { caseId: created.id, to: 'in_carico', date: isoToday(-9) });
  const name = `${lastName} Loredana`;

  // the need's matching page: ranked people with the reasons
  const matching = new MatchingPage(page);
  await matching.open(need.id, need.role);
  await expect(page.getByRole('region', { name: 'Fabbisogno' })).toContainText(need.companyName);
  await expect(matching.candidates.first()).toBeVisible();
  const row = matching.candidate(name);
  await expect(row).toBeVisible();
  await expect(row.getByTestId('match-score')).toHaveText('100');
  const skills = need.skills.length === 1 ? 'competenza' : 'competenze';
  await expect(row.getByTestId('match-reasons')).toContainText(`${need.skills.length} ${skills} su ${need.skills.length}: ${need.skills.join(', ')}`);
  await expect(row.getByTestId('match-reasons')).toContainText('Domicilio nel distretto');
  await expect(row.getByTestId('match-reasons')).toContainText('Pronto al lavoro (valutazione L.R. 14: 14 punti)');
  await expect(row.getByTestId('match-reasons')).toContainText(`Esperienza come ${need.role}`);
  // the scores go down the list
  const scores = (await matching.candidates.getByTestId('match-score').allInnerTexts()).map(Number);
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
  await app.snap('abbinamenti-fabbisogno');

  // one click, with a confirmation
  await row.getByRole('button', { name: 'Proponi tirocinio' }).click();
  const confirm = page.getByRole('dialog', { name: 'Proponi tirocinio?' });
  await expect(confirm).toContainText(`Proporre a ${name} un tirocinio come ${need.role} presso ${need.companyName}?`);
  await expect(confirm).toHaveCSS('opacity', '1');
  await app.snap('abbinamenti-conferma');
  await confirm.getByRole('button', { name: 'Conferma la proposta' }).click();
  await expect(confirm).toBeHidden();
  const done = page.getByRole('alert').filter({ hasText: 'Proposta registrata' });
  await expect(done).toContainText(`Tirocinio proposto a ${name}`);
  await expect(matching.candidate(name)).toHaveCount(0);
  await app.snap('abbinamenti-proposta');

  // the person page: the proposed traineeship in the path
  await done.getByRole('link', { name: `Apri la scheda di ${name}` }).click();
  const person = new PersonPage(page);
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
  const panel = new PathPanel(page);
  const card = panel.intervention(need.companyName);
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId('intervention-status')).toHaveText('Proposto');
  await expect(card).toContainText('date da definire');
  await expect(card.getByRole('link', { name: need.role })).toHaveAttribute('href', `#/abbinamenti/fabbisogno/${need.id}`);
  await expect(card.getByRole('link', { name: 'Crea patto' })).toHaveAttribute('href', /#\/patti\/nuovo\?interventionId=\d+$/);
  await expect(page.getByRole('region', { name: 'Fabbisogni adatti' }).getByTestId('fitting-need').filter({ hasText: need.companyName }).first()).toContainText('Già proposto');
  await person.noDialog();
  await page.getByRole('region', { name: 'Interventi del percorso' }).scrollIntoViewIfNeeded();
  await app.snap('persona-percorso-proposto');

  // the indemnity: € 400 is refused next to the field, € 450 is accepted
  await card.getByRole('button', { name: 'Modifica' }).click();
  const edit = panel.editDialog();
  await expect(edit).toBeVisible();
  await edit.getByLabel('Tutor aziendale').fill('Marta Gualandi');
  await edit.getByLabel('Indennità mensile').fill('400');
  await edit.getByLabel('Durata (mesi)').fill('6');
  await edit.getByRole('button', { name: 'Salva' }).click();
  await expect(edit.getByText('L’indennità mensile di un tirocinio in Emilia-Romagna è di almeno € 450,00', { exact: false }).first()).toBeVisible();
  await expect(edit.getByRole('alert')).toContainText('Intervento non salvato');
  await expect(edit.getByRole('alert')).toContainText('Correggere i campi segnati in rosso.');
  await person.settled(edit);
  await app.snap('persona-percorso-indennita-rifiutata');
  await edit.getByLabel('Indennità mensile').fill('450');
  await edit.getByRole('button', { name: 'Salva' }).click();
  await expect(edit).toBeHidden();
  await expect(card).toContainText('€ 450,00');
  await expect(card).toContainText('Marta Gualandi');
  await expect(card).toContainText('6 mesi');
  await person.noDialog();
  await app.snap('persona-percorso-indennita');

  // the traineeship starts today: the case goes «in percorso», the days from the first interview are shown
  await card.getByRole('button', { name: 'Avvia' }).click();
  const start = page.getByRole('dialog', { name: `Avvia tirocinio presso ${need.companyName}` });
  await expect(start.getByLabel('Data di inizio')).not.toHaveValue('');
  // the server's today (the browser runs in Europe/Rome, the host may not)
  await person.typeDate(start, 'Data di inizio', isoToday());
  await person.settled(start);
  await app.snap('persona-percorso-avvio');
  await start.getByRole('button', { name: 'Avvia' }).click();
  await expect(start).toBeHidden();
  await expect(card.getByTestId('intervention-status')).toHaveText('Attivo');
  await expect(card).toContainText(`dal ${italian(isoToday())} · 10 giorni dal primo colloquio`);
  const placement = page.getByTestId('days-to-placement');
  await expect(placement).toContainText('10 giorni');
  await expect(placement).toContainText(`dal primo colloquio (${italian(isoToday(-10))}) all’avvio del tirocinio (${italian(isoToday())})`);
  await expect(person.status).toHaveText('In percorso');
  await person.noDialog();
  await page.getByRole('region', { name: 'Interventi del percorso' }).scrollIntoViewIfNeeded();
  await app.snap('persona-percorso-avviato');

  // the add form shows each instrument's own fields
  await page.getByRole('button', { name: 'Nuovo intervento' }).click();
  const add = page.getByRole('dialog', { name: 'Nuovo intervento' });
  await add.getByRole('combobox', { name: 'Strumento' }).click();
  await page.getByRole('option', { name: 'Inserimento lavorativo' }).click();
  await expect(add.getByLabel('Tipo di contratto')).toBeVisible();
  await expect(add.getByLabel('Tipo di inserimento')).toBeVisible();
  await expect(add.getByLabel('Indennità mensile')).toHaveCount(0);
  await person.settled(add);
  await app.snap('persona-percorso-nuovo-inserimento');
  await add.getByRole('button', { name: 'Annulla' }).click();
  await expect(add).toBeHidden();

  // Percorsi: the traineeship is in the list, found by company and status
  await app.goTo('Percorsi');
  const list = new PathsListPage(page);
  await expect(list.rows().first()).toBeVisible();
  await app.snap('percorsi-elenco');
  await list.filters.getByLabel('Azienda').fill(need.companyName);
  await list.filters.getByRole('combobox', { name: 'Stato', exact: true }).click();
  await page.getByRole('option', { name: 'Attivo', exact: true }).click();
  await page.keyboard.press('Escape');
  const mine = list.rows().filter({ hasText: name });
  await expect(mine).toHaveCount(1);
  await expect(mine).toContainText('Tirocinio');
  await expect(mine).toContainText('€ 450,00/mese · 6 mesi');
  await expect(mine).toContainText('10 giorni');
  await expect(page.getByText(/^\d+ intervent[oi] con questi filtri$/)).toBeVisible();
  await app.snap('percorsi-filtrati');
  await mine.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
});

test('Percorsi says what to do when nothing matches the filters', async ({ page }) => {
  const app = new AppPage(page);
  await page.goto('/#/percorsi?azienda=nessuna-azienda-con-questo-nome');
  await expect(page.getByText('Nessun intervento con questi filtri')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Azzera filtri' }).first()).toBeVisible();
  await app.snap('percorsi-vuoto');
  await page.getByRole('button', { name: 'Azzera filtri' }).first().click();
  await expect(page.locator('table tbody tr').first()).toBeVisible();
});
