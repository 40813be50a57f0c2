import type { Locale, NotificationKind } from '@pocdojo/common/contracts/notifications';

/** The words of one notification in one language; `{name}` placeholders come from the event's params. */
export interface MessageText {
  subject: string;
  /** First paragraph: what happened. */
  body: string;
  /** Label of the button (and of the link in the plain-text part). */
  action?: string;
  /** Closing line, e.g. why the reader got this e-mail. */
  footer?: string;
}

/**
 * Every notification's text, in Brazilian Portuguese and English. Kept as data,
 * one entry per kind and language, so a translator edits one place; a test
 * checks that both languages cover every kind and name the same placeholders.
 */
export const Messages: Record<NotificationKind, Record<Locale, MessageText>> = {
  'invitation.created': {
    'pt-BR': {
      subject: '{inviterName} convidou você para {tenantName} no PocDojo',
      body: '{inviterName} convidou você para entrar na equipe {tenantName} no PocDojo como {role}. O convite vale até {expiresAt}.',
      action: 'Aceitar o convite',
      footer: 'Se você não esperava este convite, ignore este e-mail.',
    },
    en: {
      subject: '{inviterName} invited you to {tenantName} on PocDojo',
      body: '{inviterName} invited you to join the {tenantName} team on PocDojo as {role}. The invitation is valid until {expiresAt}.',
      action: 'Accept the invitation',
      footer: 'If you were not expecting this invitation, ignore this e-mail.',
    },
  },
  'password.reset_requested': {
    'pt-BR': {
      subject: 'Redefina sua senha do PocDojo',
      body: 'Recebemos um pedido para redefinir a senha da sua conta. O link vale por {expiresInMinutes} minutos e pode ser usado uma vez.',
      action: 'Escolher uma nova senha',
      footer: 'Se não foi você, ignore este e-mail: sua senha continua a mesma.',
    },
    en: {
      subject: 'Reset your PocDojo password',
      body: 'We received a request to reset the password of your account. The link is valid for {expiresInMinutes} minutes and works once.',
      action: 'Choose a new password',
      footer: 'If this was not you, ignore this e-mail: your password stays the same.',
    },
  },
  'login.unlock_requested': {
    'pt-BR': {
      subject: 'Entradas na sua conta do PocDojo estão em pausa',
      body: 'Houve várias tentativas de entrar na sua conta com a senha errada, então as próximas tentativas vão esperar. Se foi você, este link libera as entradas agora; vale por {expiresInMinutes} minutos e pode ser usado uma vez.',
      action: 'Liberar minhas entradas',
      footer: 'Se não foi você, ninguém entrou: sua senha continua a mesma. Se quiser, troque-a mesmo assim.',
    },
    en: {
      subject: 'Logins to your PocDojo account are paused',
      body: 'There were several attempts to log in to your account with a wrong password, so further attempts must wait. If that was you, this link lets you log in again right away; it is valid for {expiresInMinutes} minutes and works once.',
      action: 'Unlock my logins',
      footer: 'If this was not you, nobody got in: your password is unchanged. You may change it anyway.',
    },
  },
  'password.changed': {
    'pt-BR': {
      subject: 'Sua senha do PocDojo foi alterada',
      body: 'A senha da sua conta em {tenantName} foi alterada e todas as sessões foram encerradas.',
      action: 'Entrar',
      footer: 'Se não foi você, redefina sua senha agora e avise o administrador da equipe.',
    },
    en: {
      subject: 'Your PocDojo password was changed',
      body: 'The password of your account in {tenantName} was changed and every session was signed out.',
      action: 'Log in',
      footer: 'If this was not you, reset your password now and tell your team admin.',
    },
  },
  'email.verification_requested': {
    'pt-BR': {
      subject: 'Confirme seu e-mail no PocDojo',
      body: 'Confirme que este endereço é seu para continuar recebendo avisos do PocDojo.',
      action: 'Confirmar e-mail',
      footer: 'Se você não criou uma conta no PocDojo, ignore este e-mail.',
    },
    en: {
      subject: 'Confirm your e-mail on PocDojo',
      body: 'Confirm that this address is yours to keep receiving PocDojo notices.',
      action: 'Confirm e-mail',
      footer: 'If you did not create a PocDojo account, ignore this e-mail.',
    },
  },
  'job.succeeded': {
    'pt-BR': {
      subject: 'Seu {jobLabel} está pronto',
      body: 'O {jobLabel} que você pediu está pronto para baixar.',
      action: 'Abrir',
    },
    en: {
      subject: 'Your {jobLabel} is ready',
      body: 'The {jobLabel} you asked for is ready to download.',
      action: 'Open',
    },
  },
  'job.failed': {
    'pt-BR': {
      subject: 'Não foi possível gerar seu {jobLabel}',
      body: 'O {jobLabel} que você pediu falhou: {error}',
      action: 'Tentar de novo',
    },
    en: {
      subject: 'Your {jobLabel} could not be made',
      body: 'The {jobLabel} you asked for failed: {error}',
      action: 'Try again',
    },
  },
  'dojo.scheduled': {
    'pt-BR': {
      subject: 'Dojo agendado: {dojoTitle}',
      body: 'O dojo "{dojoTitle}" foi agendado para {startsAt}.',
      action: 'Ver o dojo',
    },
    en: {
      subject: 'Dojo scheduled: {dojoTitle}',
      body: 'The dojo "{dojoTitle}" is scheduled for {startsAt}.',
      action: 'See the dojo',
    },
  },
  'dojo.starting': {
    'pt-BR': {
      subject: 'O dojo {dojoTitle} começa em 10 minutos',
      body: 'O dojo "{dojoTitle}" começa às {startsAt}.',
      action: 'Entrar no dojo',
    },
    en: {
      subject: 'The dojo {dojoTitle} starts in 10 minutes',
      body: 'The dojo "{dojoTitle}" starts at {startsAt}.',
      action: 'Join the dojo',
    },
  },
  'member.added': {
    'pt-BR': {
      subject: '{memberName} entrou em {tenantName}',
      body: '{memberName} agora faz parte da equipe {tenantName}.',
      action: 'Ver membros',
    },
    en: {
      subject: '{memberName} joined {tenantName}',
      body: '{memberName} is now a member of the {tenantName} team.',
      action: 'See members',
    },
  },
  'member.removed': {
    'pt-BR': {
      subject: '{memberName} saiu de {tenantName}',
      body: '{memberName} não faz mais parte da equipe {tenantName}.',
    },
    en: {
      subject: '{memberName} left {tenantName}',
      body: '{memberName} is no longer a member of the {tenantName} team.',
    },
  },
  'team.deletion_scheduled': {
    'pt-BR': {
      subject: 'A equipe {tenantName} será excluída em {erasesAt}',
      body: '{ownerName} pediu a exclusão da equipe {tenantName} no PocDojo. Em {erasesAt}, tudo o que a equipe guarda será apagado para sempre: POCs, anexos, dojos, relatórios, vídeos e contas. Até lá, um proprietário pode cancelar. Se quiser guardar seus dados, exporte-os antes.',
      action: 'Ver as configurações da equipe',
      footer: 'Você recebeu este e-mail porque é membro da equipe {tenantName}.',
    },
    en: {
      subject: 'The {tenantName} team will be deleted on {erasesAt}',
      body: '{ownerName} asked to delete the {tenantName} team on PocDojo. On {erasesAt}, everything the team keeps will be erased for good: POCs, attachments, dojos, reports, videos and accounts. Until then an owner can cancel. If you want to keep your data, export it before.',
      action: 'See the team settings',
      footer: 'You got this e-mail because you are a member of the {tenantName} team.',
    },
  },
  'team.deletion_cancelled': {
    'pt-BR': {
      subject: 'A exclusão da equipe {tenantName} foi cancelada',
      body: '{ownerName} cancelou a exclusão da equipe {tenantName}. Nada será apagado.',
      footer: 'Você recebeu este e-mail porque é membro da equipe {tenantName}.',
    },
    en: {
      subject: 'The deletion of the {tenantName} team was cancelled',
      body: '{ownerName} cancelled the deletion of the {tenantName} team. Nothing will be erased.',
      footer: 'You got this e-mail because you are a member of the {tenantName} team.',
    },
  },
};

/** Words some params are shown as, per language (a job kind, a role). */
export const Vocabulary: Record<Locale, Record<string, string>> = {
  'pt-BR': {
    report: 'relatório',
    video: 'vídeo',
    // Masculine, like relatório and vídeo: the job templates say "Seu {jobLabel} está pronto".
    personal_data: 'arquivo com seus dados',
    owner: 'proprietário',
    admin: 'administrador',
    member: 'membro',
  },
  en: {
    report: 'report',
    video: 'video',
    personal_data: 'data archive',
    owner: 'owner',
    admin: 'admin',
    member: 'member',
  },
};
