import { expect as baseExpect, test } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config';
import { AppPage } from './pages/app';
import { CompanyForm, CompanyPageModel, freshVatNumber } from './pages/companies';
import { PactsPage } from './pages/pacts';
import { MatchingPage, PathPanel } from './pages/paths';
import { answersSumming, ApiClient, isoToday, italian, randomBirthDate, uniqueSurname, type Template } from './pages/person';
import { uniqueTag } from './pages/people';
import { pdfFlatText } from '../electron/testing/pdf';

/** Saving, printing and uploading go through the server: give them time on a busy machine. */
const expect = baseExpect.configure({ timeout: 15_000 });

/**
 * Wednesday, company relations (issue #4), in one go: a logistics company of the Board is registered,
 * its traineeship need recorded with a skill, «Trova persone» ranks a fitting person with the reasons,
 * a traineeship is proposed, its Patto per il buon lavoro prepared from «Crea patto», printed, signed
 * with the scan and found under «Firmati questo mese».
 */

test.beforeEach(async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.login(E2E_ADMIN.username, E2E_ADMIN.password);
  await expect(page.getByRole('button', { name: 'Esci' })).toBeVisible();
});

test('Wednesday: company, need, matching, traineeship, pact printed and signed', async ({ page, request }) => {
  // the whole journey crosses five screens and the server several times
  test.setTimeout(150_000);
  const app = new AppPage(page);
  const api = await ApiClient.login(request, E2E_ADMIN.username, E2E_ADMIN.password);

  // 1. the company, registered from the form with a partita IVA no one has
  let vat = freshVatNumber();
  while ((await api.call<{ existing: unknown }>('companies.checkVat', { vatNumber: vat })).existing) vat = freshVatNumber();
  const companyName = `Logistica Mercoledì ${uniqueTag()} S.r.l.`;
  const form = new CompanyForm(page);
  await form.openNew();
  await form.fill({
    name: companyName,
    vatNumber: vat,
    legalForm: 'S.r.l.',
    size: 'Media (50–249 addetti)',
    ateco: 'H',
    comune: 'Calderara di Reno',
    street: 'Via dell’Industria',
    number: '14',
    legalRep: 'Marta Guidi',
    legalRepRole: 'Amministratore delegato',
    boardSince: '15/03/2021',
  });
  await expect(page.getByText('Partita IVA valida')).toBeVisible();
  await form.submit();
  const companyId = await form.landedCompanyId();
  await expect(page.getByText(`Azienda registrata: ${companyName}`)).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: companyName })).toBeVisible();

  // 2. its need: traineeships as warehouse workers, with a skill
  const company = new CompanyPageModel(page);
  const role = 'Magazziniere';
  const skill = 'carrello elevatore';
  // «Requisiti» is filled last, as in companies.spec: it closes the skills' suggestions over the save button
  await company.addNeed({ role, positions: 2, instrument: 'Tirocinio formativo o stage', skills: [skill], requirements: 'Disponibilità su turni' });
  await expect(page.getByText(`Fabbisogno registrato: ${role}`)).toBeVisible();
  const needCard = company.need(role);
  await expect(needCard.getByText(skill, { exact: true })).toBeVisible();
  const saved = await api.call<{ company: { seatIstat: string | null }; needs: { id: number; role: string }[] }>('companies.get', { id: companyId });
  const needId = saved.needs.find((n) => n.role === role)!.id;
  expect(saved.company.seatIstat).not.toBeNull();

  // a person who fits (as in paths.spec): the skill, a domicile in the company's comune, ready for work, experience in the role
  const lastName = uniqueSurname('');
  const { personId } = await api.call<{ personId: number }>('people.create', {
    lastName,
    firstName: 'Loredana',
    sex: 'F',
    birthDate: randomBirthDate(),
    taxCodeMissingReason: 'In attesa di attribuzione',
    privacyAcknowledgedOn: '2024-01-15',
    domicileIstat: saved.company.seatIstat,
    skills: [skill],
    workExperiences: [{ role, employer: 'Cooperativa Il Ponte', startDate: '2016-03-01', endDate: '2019-06-30' }],
  });
  const created = await api.call<{ id: number }>('cases.create', { personId, channelCode: 'caritas', applicationDate: isoToday(-20) });
  await api.call('cases.transition', { caseId: created.id, to: 'colloquio_fissato', date: isoToday(-20), interviewOn: isoToday(-10) });
  const template = await api.call<Template>('assessments.template', {});
  const answers = answersSumming(template, 14).map((a) => ({ itemCode: a.itemCode, optionCode: a.option.code }));
  await api.call('assessments.create', { caseId: created.id, templateId: template.id, assessedOn: isoToday(-10), answers });
  await api.call('cases.transition', { caseId: created.id, to: 'in_carico', date: isoToday(-9) });
  const name = `${lastName} Loredana`;

  // 3. «Trova persone»: the ranked people with the reasons
  await needCard.getByRole('link', { name: 'Trova persone' }).click();
  const matching = new MatchingPage(page);
  await expect(page).toHaveURL(new RegExp(`#/abbinamenti/fabbisogno/${needId}$`));
  await expect(page.getByRole('heading', { level: 2, name: `Abbinamenti: ${role}` })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Fabbisogno' })).toContainText(companyName);
  const row = matching.candidate(name);
  await expect(row).toBeVisible();
  await expect(row.getByTestId('match-score')).toHaveText('100');
  const reasons = row.getByTestId('match-reasons');
  await expect(reasons).toContainText(`1 competenza su 1: ${skill}`);
  await expect(reasons).toContainText('Domicilio nel distretto');
  await expect(reasons).toContainText('Pronto al lavoro (valutazione L.R. 14: 14 punti)');
  await expect(reasons).toContainText(`Esperienza come ${role}`);
  const scores = (await matching.candidates.getByTestId('match-score').allInnerTexts()).map(Number);
  expect(scores).toEqual([...scores].sort((a, b) => b - a));

  // 4. a traineeship proposed, with a confirmation
  await matching.propose(name, 'Proponi tirocinio');
  const done = page.getByRole('alert').filter({ hasText: 'Proposta registrata' });
  await expect(done).toContainText(`Tirocinio proposto a ${name}`);
  await done.getByRole('link', { name: `Apri la scheda di ${name}` }).click();
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
  const card = new PathPanel(page).intervention(companyName);
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId('intervention-status')).toHaveText('Proposto');

  // 5. «Crea patto» on the traineeship: person, company, signer and mode come filled in
  await card.getByRole('link', { name: 'Crea patto' }).click();
  await expect(page).toHaveURL(/#\/patti\/nuovo\?interventionId=\d+$/);
  const pacts = new PactsPage(page);
  await expect(page.getByRole('heading', { level: 2, name: 'Nuovo patto' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Persona', exact: true })).toHaveValue(new RegExp(`^${name}`));
  await expect(page.getByRole('combobox', { name: 'Azienda', exact: true })).toHaveValue(companyName);
  await expect(pacts.field('Nome')).toHaveValue('Loredana');
  await expect(pacts.field('Cognome')).toHaveValue(lastName);
  await expect(pacts.mode('tirocinio formativo o stage')).toBeChecked();
  await expect(pacts.field('Il sottoscritto (nome e cognome)')).toHaveValue('Marta Guidi');
  await pacts.save();
  const number = await pacts.number();
  await expect(pacts.status).toHaveText('Bozza');

  // 6. printed: the PDF opens in a new tab, the pact waits for the signatures
  const { tab, pdf } = await pacts.print();
  const printed = await pdfFlatText(pdf);
  expect(printed).toContain(`Patto n. ${number}`);
  expect(printed).toContain(lastName);
  await tab.close();
  await expect(pacts.status).toHaveText('Stampato');

  // 7. signed with the scanned copy (a PNG made here) on the pact's own date: the server's day
  //    (the browser runs in Europe/Rome, the test server may not: near midnight the two days differ)
  const pactId = Number(/#\/patti\/(\d+)$/.exec(page.url())![1]);
  const { pactDate } = await api.call<{ pactDate: string }>('pacts.get', { id: pactId });
  const scan = await page.screenshot({ clip: { x: 0, y: 0, width: 400, height: 300 } });
  await pacts.sign({ name: 'patto-firmato.png', mimeType: 'image/png', buffer: scan }, pactDate);
  await expect(pacts.status).toHaveText('Firmato');
  await expect(page.getByText(`firmato il ${italian(pactDate)}`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Scarica copia firmata' })).toBeVisible();

  // 8. found among the pacts signed this month
  await pacts.openList();
  await pacts.view('Firmati questo mese');
  await expect(pacts.row(number)).toBeVisible();
  await expect(pacts.row(number)).toContainText(companyName);
  await app.snap('journey-mercoledi-firmati');
});
