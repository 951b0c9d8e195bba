import type { z } from 'zod';
import type { CommitmentDetail, paymentAdjustInput, paymentInput } from '../../contract/budget';
import { AppError } from '../../contract/errors';
import { italianDate } from '../../domain/dates';
import { formatEuro } from '../../domain/money';
import { write, type ServiceContext } from '../context';
import { lockTotals, sumCents } from './common';
import { commitmentDetail, overLimit } from './commitments';
import { appendLedgerRow } from './ledgerRow';

type PaymentValues = z.output<typeof paymentInput>;
type PaymentAdjustValues = z.output<typeof paymentAdjustInput>;

/** A liquidazione against an impegno; beyond what the impegno has left only with an override reason. */
export async function createPayment(ctx: ServiceContext, input: PaymentValues): Promise<CommitmentDetail> {
  return write(ctx, async (trx) => {
    // the allocation of a commitment never changes: found first, to lock in the usual order
    const owner = await trx.selectFrom('commitments').select('allocation_id').where('id', '=', input.commitmentId).executeTakeFirst();
    await lockTotals(trx, { allocationId: owner?.allocation_id, commitmentId: input.commitmentId });
    const commitment = await trx
      .selectFrom('commitments as c')
      .innerJoin('commitment_totals as t', 't.commitment_id', 'c.id')
      .select(['c.id', 'c.kind', 'c.adjusts_id', 'c.allocation_id', 'c.committed_on', 't.net_cents', 't.paid_cents'])
      .where('c.id', '=', input.commitmentId)
      .executeTakeFirst();
    if (!commitment) {
      const adjustment = await trx.selectFrom('commitments').select('adjusts_id').where('id', '=', input.commitmentId).executeTakeFirst();
      if (adjustment) {
        throw new AppError('VALIDATION', `Il movimento n. ${input.commitmentId} è una rettifica: liquidare sull’impegno n. ${adjustment.adjusts_id ?? '?'}`, {
          commitmentId: 'Indicare l’impegno originale',
        });
      }
      throw new AppError('NOT_FOUND', `Impegno n. ${input.commitmentId} non trovato`, { commitmentId: 'Impegno non trovato' });
    }
    if (input.paidOn < commitment.committed_on) {
      const message = `La liquidazione non può precedere l’impegno (${italianDate(commitment.committed_on)})`;
      throw new AppError('VALIDATION', message, { paidOn: message });
    }
    const left = sumCents(commitment.net_cents, -commitment.paid_cents);
    const over = input.amountCents > left;
    if (over && !input.overrideReason) throw overLimit(`sull’impegno n. ${commitment.id}`, left, input.amountCents, 'la liquidazione');
    const { id, overrideAudit } = await appendLedgerRow(
      trx,
      ctx,
      {
        table: 'payments',
        values: {
          commitment_id: commitment.id,
          kind: 'liquidazione',
          adjusts_id: null,
          amount_cents: input.amountCents,
          paid_on: input.paidOn,
          payee: input.payee,
          document_number: input.documentNumber,
          description: input.description,
        },
      },
      { over, reason: input.overrideReason, left, amount: input.amountCents, commitmentId: commitment.id, allocationId: commitment.allocation_id },
    );
    return {
      result: await commitmentDetail(ctx, { id: commitment.id }, trx),
      audit: {
        action: over ? 'liquidazione_in_deroga' : 'liquidazione',
        entity: 'liquidazione',
        entityId: id,
        after: {
          commitmentId: commitment.id, amountCents: input.amountCents, paidOn: input.paidOn, payee: input.payee, documentNumber: input.documentNumber,
          description: input.description, ...overrideAudit,
        },
      },
    };
  });
}

/** Storno (reverses the payment's whole net) or rettifica (signed) of a liquidazione, as a new row. */
export async function adjustPayment(ctx: ServiceContext, input: PaymentAdjustValues): Promise<CommitmentDetail> {
  return write(ctx, async (trx) => {
    const payment = await trx.selectFrom('payments').selectAll().where('id', '=', input.paymentId).executeTakeFirst();
    if (!payment) throw new AppError('NOT_FOUND', `Liquidazione n. ${input.paymentId} non trovata`);
    const owner = await trx.selectFrom('commitments').select('allocation_id').where('id', '=', payment.commitment_id).executeTakeFirst();
    await lockTotals(trx, { allocationId: owner?.allocation_id, commitmentId: payment.commitment_id });
    if (payment.kind !== 'liquidazione') {
      throw new AppError('VALIDATION', `Il movimento n. ${payment.id} è già uno storno o una rettifica: indicare la liquidazione n. ${payment.adjusts_id ?? '?'}`, {
        paymentId: 'Indicare la liquidazione originale',
      });
    }
    if (input.paidOn < payment.paid_on) {
      const message = `La data non può precedere quella della liquidazione (${italianDate(payment.paid_on)})`;
      throw new AppError('VALIDATION', message, { paidOn: message });
    }
    const adjustments = await trx.selectFrom('payments').select('amount_cents').where('adjusts_id', '=', payment.id).execute();
    const net = sumCents(payment.amount_cents, ...adjustments.map((a) => a.amount_cents));
    const totals = await trx
      .selectFrom('commitment_totals')
      .select(['net_cents', 'paid_cents', 'allocation_id'])
      .where('commitment_id', '=', payment.commitment_id)
      .executeTakeFirstOrThrow();
    let amount: number;
    let over = false;
    const left = sumCents(totals.net_cents, -totals.paid_cents);
    if (input.kind === 'storno') {
      if (net <= 0) throw new AppError('CONFLICT', `La liquidazione n. ${payment.id} è già stornata`);
      amount = -net;
    } else {
      const delta = input.amountCents;
      if (delta === null || delta === 0) throw new AppError('VALIDATION', 'Indicare l’importo della rettifica (positivo o negativo)', { amountCents: 'Indicare l’importo della rettifica' });
      if (delta < 0 && -delta > net) {
        const message = `La rettifica può togliere al massimo ${formatEuro(Math.max(net, 0))}, il netto della liquidazione`;
        throw new AppError('VALIDATION', message, { amountCents: message });
      }
      over = delta > 0 && delta > left;
      if (over && !input.overrideReason) throw overLimit(`sull’impegno n. ${payment.commitment_id}`, left, delta, 'la rettifica');
      amount = delta;
    }
    const { id, overrideAudit } = await appendLedgerRow(
      trx,
      ctx,
      {
        table: 'payments',
        values: {
          commitment_id: payment.commitment_id,
          kind: input.kind,
          adjusts_id: payment.id,
          amount_cents: amount,
          paid_on: input.paidOn,
          payee: payment.payee,
          document_number: input.documentNumber,
          description: input.description,
        },
      },
      { over, reason: input.overrideReason, left, amount, commitmentId: payment.commitment_id, allocationId: totals.allocation_id },
    );
    return {
      result: await commitmentDetail(ctx, { id: payment.commitment_id }, trx),
      audit: {
        action: over ? `${input.kind}_in_deroga` : input.kind,
        entity: 'liquidazione',
        entityId: payment.id,
        before: { netCents: net },
        after: {
          id, kind: input.kind, amountCents: amount, paidOn: input.paidOn, documentNumber: input.documentNumber, description: input.description,
          ...overrideAudit,
        },
      },
    };
  });
}
