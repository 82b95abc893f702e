// Sending mail through an SMTP server with nodemailer, the kept library for it. Off unless
// TACK_SMTP_URL is set (config.ts): then every process may send, and what it sends is decided by
// the outbox worker holding the lease (notifications) or by the request (password reset).
import nodemailer from "nodemailer";
import type { EmailConfig } from "../config.ts";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  headers?: Record<string, string>;
}

export interface Mailer {
  /** Resolves once the SMTP server accepted the message. */
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export function smtpMailer(config: EmailConfig): Mailer {
  const transport = nodemailer.createTransport(config.smtpUrl);
  return {
    async send(message) {
      await transport.sendMail({ from: config.from, ...message });
    },
    close() {
      transport.close();
    },
  };
}
