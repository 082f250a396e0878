import type { Transporter } from 'nodemailer';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { storedAlert } from '../../../../test/fixtures/alerts.js';
import { formatAlert } from '../../../core/alerts/format.js';
import { SmtpDeliveryError } from './errors.js';
import { SmtpNotifier, smtpServerOf } from './SmtpNotifier.js';

const base = {
  smtp: 'smtp://user:pw@mail.example.com:2525',
  from: 'logsift@example.com',
  to: ['ops@example.com'],
};

/** A transport that fails with `error` (nodemailer's shape: message, code, responseCode). */
function failingTransport(error: Record<string, unknown>): Transporter {
  return {
    sendMail: async () => {
      throw Object.assign(new Error(String(error.message)), error);
    },
    close: () => {},
  } as unknown as Transporter;
}

describe('SmtpNotifier', () => {
  it('sends the formatted alert with a text and an HTML part', async () => {
    // Prepare: nodemailer's JSON transport builds the message without a network.
    const sent: { message: string }[] = [];
    const transport = nodemailer.createTransport({ jsonTransport: true });
    const original = transport.sendMail.bind(transport);
    transport.sendMail = (async (mail: nodemailer.SendMailOptions) => {
      const info = await original(mail);
      sent.push(info as unknown as { message: string });
      return info;
    }) as typeof transport.sendMail;
    const email = new SmtpNotifier({ ...base, subjectPrefix: '[prod]', dashboardUrl: 'http://h', transport });
    const alert = storedAlert();

    // Act
    await email.notify(alert);

    // Assess
    expect(email.name).toBe('email');
    const mail = JSON.parse(sent[0]!.message);
    const expected = formatAlert(alert, { subjectPrefix: '[prod]', dashboardUrl: 'http://h' });
    expect(mail.subject).toBe('[prod] CRITICAL /aws/lambda/test-app: 1 event CRITICAL (critical)');
    expect(mail.text).toBe(expected.text);
    expect(mail.html).toBe(expected.html);
    expect(mail.to).toEqual([{ address: 'ops@example.com', name: '' }]);
    expect(mail.headers).toMatchObject({ 'X-Logsift-Alert-Id': alert.id, 'X-Logsift-Kind': 'alert' });
  });

  it('marks a permanent refusal as not worth retrying and names the server without credentials', async () => {
    const email = new SmtpNotifier({
      ...base,
      transport: failingTransport({
        message: 'Message failed: 550 5.1.1 mailbox unavailable',
        responseCode: 550,
        code: 'EMESSAGE',
      }),
    });

    const err = await email.notify(storedAlert()).catch((e) => e);

    expect(err).toBeInstanceOf(SmtpDeliveryError);
    expect(err.message).toBe('SMTP mail.example.com:2525: Message failed: 550 5.1.1 mailbox unavailable');
    expect(err.message).not.toContain('pw');
    expect(err).toMatchObject({ retryable: false, responseCode: 550, code: 'EMESSAGE' });
  });

  it('retries temporary failures and unreachable servers, not bad logins', async () => {
    const retryable = (error: Record<string, unknown>) =>
      new SmtpNotifier({ ...base, transport: failingTransport(error) })
        .notify(storedAlert())
        .catch((e: SmtpDeliveryError) => e.retryable);

    expect(await retryable({ message: '421 try later', responseCode: 421 })).toBe(true);
    expect(await retryable({ message: 'connect ECONNREFUSED', code: 'ESOCKET' })).toBe(true);
    expect(await retryable({ message: 'Invalid login: 535', code: 'EAUTH', responseCode: 535 })).toBe(false);
  });

  it('smtpServerOf uses the default ports', () => {
    expect(smtpServerOf('smtps://a:b@mail.example.com')).toBe('mail.example.com:465');
    expect(smtpServerOf('smtp://mail.example.com')).toBe('mail.example.com:587');
  });
});
