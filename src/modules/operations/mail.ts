// The mail transport for notices (I2): SMTP through nodemailer when LIS_SMTP_URL is set;
// otherwise the "log" transport, which sends nothing (every message is recorded in
// mail_outbox either way, so the log transport is the outbox itself: tests and the demo).
import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  readonly transport: 'log' | 'smtp';
  send(message: MailMessage): Promise<void>;
}

export function createMailer(options: { smtpUrl: string | undefined; from: string }): Mailer {
  if (!options.smtpUrl) return { transport: 'log', send: async () => {} };
  const transporter = nodemailer.createTransport(options.smtpUrl);
  return {
    transport: 'smtp',
    async send(message) {
      await transporter.sendMail({ from: options.from, to: message.to, subject: message.subject, text: message.text });
    },
  };
}
