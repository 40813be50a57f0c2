/** An attachment of one of the member's POCs; its bytes are read from the object store by key. */
export interface PersonalAttachment {
  id: string;
  fileName: string;
  contentType: string;
  bytes: number;
  key: string;
  createdAt: string | null;
}

/** What platform-api holds about the member (`GET /internal/v1/personal-data`). */
export interface PlatformPersonalData {
  profile: { id: string; name: string; email: string; role: string; locale: string } & Record<string, unknown>;
  team: { id: string; name: string };
  pocs: Array<{ id: string; name: string; attachments: PersonalAttachment[] } & Record<string, unknown>>;
  audit: Record<string, unknown>[];
  /** The team's dojos by id and title: the names of the dojos the member's engine records belong to. */
  dojos: { id: string; title: string }[];
}

/** What dojo-engine attributes to the member, per dojo (`GET /internal/v1/member-data`). */
export interface EngineMemberData {
  dojos: Array<{
    dojoId: string;
    history: Array<{ kind: string; at: string; name: string | null; data: Record<string, unknown> }>;
    edits: Record<string, unknown>[];
  }>;
}

/** What notifier holds about the member (`GET /internal/v1/member-data`). */
export interface NotifierMemberData {
  notifications: Record<string, unknown>[];
  deliveries: Record<string, unknown>[];
  preferences: Record<string, unknown>[];
  devices: Record<string, unknown>[];
}

export interface MemberQuery {
  tenantId: string;
  userId: string;
}

/**
 * Where a personal data export reads from: each service that owns part of a
 * member's data answers for it through its internal, tenant- and
 * member-scoped route. `engine` and `notifier` are null when the worker has
 * no address for that service (the archive then says the part is missing).
 */
export interface PersonalDataSource {
  platform(query: MemberQuery, signal?: AbortSignal): Promise<PlatformPersonalData>;
  engine(query: MemberQuery, signal?: AbortSignal): Promise<EngineMemberData | null>;
  notifier(query: MemberQuery, signal?: AbortSignal): Promise<NotifierMemberData | null>;
}
