import { Alert, Anchor, Button, Checkbox, Group, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { computeCodiceFiscale, decodeCodiceFiscale, normalizeCodiceFiscale, validateCodiceFiscale } from '../../../../electron/domain/codiceFiscale';
import { useApiQuery } from '../../api/hooks';
import { formatDate } from '../../format';
import { OTHER_PLACE, taxCodeContradicts, type PersonFormValues } from './personForm';

type Form = UseFormReturnType<PersonFormValues>;

/** What is still missing to compute the code (in Italian), or the data to compute it from. */
function computable(v: PersonFormValues) {
  const missing = [
    !v.lastName.trim() && 'cognome',
    !v.firstName.trim() && 'nome',
    !v.sex && 'sesso',
    !v.birthDate && 'data di nascita',
    (!v.birthPlaceCode || v.birthPlaceCode === OTHER_PLACE) && 'luogo di nascita scelto dall’elenco',
  ].filter((m): m is string => typeof m === 'string');
  if (missing.length > 0 || !v.sex || !v.birthDate || !v.birthPlaceCode) return { missing };
  return { missing, data: { lastName: v.lastName, firstName: v.firstName, sex: v.sex, birthDate: v.birthDate, birthPlaceCode: v.birthPlaceCode } };
}

/** What a valid code says that differs from the data typed in the form (typos on either side). */
function mismatches(code: string, v: PersonFormValues, placeName: (code: string) => string): string[] {
  const out: string[] = [];
  if (v.lastName.trim() && v.firstName.trim()) {
    try {
      const letters = computeCodiceFiscale({ lastName: v.lastName, firstName: v.firstName, sex: 'M', birthDate: '2000-01-01', birthPlaceCode: 'A944' }).slice(0, 6);
      if (letters !== code.slice(0, 6)) out.push('cognome e nome');
    } catch {
      // names without letters: the field validation says so
    }
  }
  const decoded = decodeCodiceFiscale(code);
  for (const field of taxCodeContradicts(code, v)) {
    if (field === 'sesso') out.push(`sesso (nel codice: ${decoded.sex})`);
    else if (field === 'data di nascita') out.push(`data di nascita (nel codice: ${decoded.birthDate ? formatDate(decoded.birthDate) : '?'})`);
    else out.push(`luogo di nascita (nel codice: ${placeName(decoded.birthPlaceCode)})`);
  }
  return out;
}

/**
 * The codice fiscale, checked as it is typed; "Calcola" suggests it from the data; a valid code fills the
 * empty sex, birth date and birth place; a code already registered is said at once, with a link to the person.
 */
export function TaxCodeInput({ form, personId, placeName, knownPlace }: { form: Form; personId: number | null; placeName: (code: string) => string; knownPlace: (code: string) => boolean }) {
  const v = form.getValues();
  const [blurred, setBlurred] = useState(false);
  const [computed, setComputed] = useState(false);
  const typed = normalizeCodiceFiscale(v.taxCode);
  const result = validateCodiceFiscale(typed);
  const valid = !v.taxCodeMissing && result.ok ? result.value : null;
  const same = useApiQuery('people.checkDuplicates', { taxCode: valid, excludeId: personId }, { enabled: valid !== null });
  const existing = valid ? (same.data?.sameTaxCode ?? null) : null;
  const heldBy = valid ? same.data?.sameTaxCodeCase?.heldBy : null;

  const onChange = (text: string) => {
    const code = normalizeCodiceFiscale(text);
    form.setFieldValue('taxCode', code);
    setComputed(false);
    const check = validateCodiceFiscale(code);
    if (!check.ok) return;
    // A valid code fills what is still empty, so an operator can start from the tessera sanitaria.
    const decoded = decodeCodiceFiscale(check.value);
    const now = form.getValues();
    if (!now.sex) form.setFieldValue('sex', decoded.sex);
    if (!now.birthDate && decoded.birthDate) form.setFieldValue('birthDate', decoded.birthDate);
    if (!now.birthPlaceCode && knownPlace(decoded.birthPlaceCode)) form.setFieldValue('birthPlaceCode', decoded.birthPlaceCode);
  };

  const compute = () => {
    const source = computable(form.getValues());
    if (!source.data) {
      form.setFieldError('taxCode', `Per calcolarlo manca: ${source.missing.join(', ')}`);
      return;
    }
    try {
      form.setFieldValue('taxCode', computeCodiceFiscale(source.data));
      form.clearFieldError('taxCode');
      setComputed(true);
    } catch (e) {
      form.setFieldError('taxCode', (e as Error).message);
    }
  };

  let liveError: string | null = null;
  if (!v.taxCodeMissing && !result.ok && typed.length > 0 && (typed.length >= 16 || blurred)) liveError = result.error;
  const different = valid ? mismatches(valid, v, placeName) : [];

  let description: React.ReactNode = 'Si controlla mentre si scrive; «Calcola» lo ricava dai dati anagrafici';
  if (valid) {
    description = (
      <Group gap={4} c="teal.9" component="span">
        <IconCircleCheck size={14} />
        <span>Codice fiscale valido{computed ? ' — calcolato dai dati: confrontarlo con la tessera sanitaria' : ''}</span>
      </Group>
    );
  } else if (typed.length > 0 && typed.length < 16 && !liveError) {
    description = `${typed.length} di 16 caratteri`;
  }

  return (
    <Stack gap="xs">
      <TextInput
        label="Codice fiscale"
        withAsterisk={!v.taxCodeMissing}
        disabled={v.taxCodeMissing}
        maxLength={20}
        autoComplete="off"
        styles={{ input: { fontFamily: 'monospace', letterSpacing: 1, textTransform: 'uppercase' } }}
        value={v.taxCodeMissing ? '' : v.taxCode}
        onChange={(e) => onChange(e.currentTarget.value)}
        onBlur={() => setBlurred(true)}
        onFocus={() => setBlurred(false)}
        description={v.taxCodeMissing || liveError || form.errors.taxCode ? undefined : description}
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        error={liveError ?? form.errors.taxCode}
        rightSectionWidth={92}
        rightSectionPointerEvents="all"
        rightSection={
          <Tooltip label="Ricava il codice da cognome, nome, sesso, data e luogo di nascita" openDelay={500}>
            <Button size="compact-sm" variant="light" onClick={compute} disabled={v.taxCodeMissing}>
              Calcola
            </Button>
          </Tooltip>
        }
      />
      {different.length > 0 && (
        <Text size="sm" c="orange.8" role="status">
          <IconAlertTriangle size={14} style={{ verticalAlign: -2 }} /> Il codice fiscale non corrisponde ai dati inseriti: {different.join(', ')}. Controllare il documento.
        </Text>
      )}
      {existing && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} p="xs" data-testid="cf-existing">
          {personId ? 'Questo codice fiscale è già registrato per: ' : 'Questa persona è già registrata: '}
          <b>
            {existing.lastName} {existing.firstName}
          </b>
          {existing.birthDate ? `, nata/o il ${formatDate(existing.birthDate)}` : ''} —{' '}
          <Anchor component={Link} to={`/persone/${existing.id}`} fw={600}>
            Apri la scheda
          </Anchor>
          {heldBy ? ` · caso aperto, seguito da ${heldBy}` : ''}
        </Alert>
      )}
      <Checkbox
        label="Codice fiscale non disponibile"
        {...form.getInputProps('taxCodeMissing', { type: 'checkbox' })}
        onChange={(e) => {
          form.setFieldValue('taxCodeMissing', e.currentTarget.checked);
          form.clearFieldError('taxCode');
        }}
      />
      {v.taxCodeMissing && (
        <TextInput
          label="Motivo"
          withAsterisk
          placeholder="Es. arrivo recente: codice fiscale in attesa"
          {...form.getInputProps('taxCodeMissingReason')}
        />
      )}
    </Stack>
  );
}
