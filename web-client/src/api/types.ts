/** Wire types of the REST API and the socket protocol, written once. */

export type UUID = string;

/** RFC 9457 problem details, as every service answers errors. */
export interface ProblemFieldError {
  field?: string;
  parameter?: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  errors?: ProblemFieldError[];
  [extension: string]: unknown;
}

// ---- auth-service ----

export interface RegisterRequest {
  username: string;
  password: string;
  displayName: string;
}

export interface User {
  userId: UUID;
  username: string;
  displayName: string;
}

export interface LoginRequest {
  username: string;
  password: string;
}

export interface TokenResponse {
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds until the access token expires. */
  expiresIn: number;
  refreshToken: string;
  userId: UUID;
}

export interface UserSearchResult {
  items: User[];
}

// ---- conversation-service ----

export type ConversationType = 'DIRECT' | 'GROUP' | 'CHANNEL';
export type Visibility = 'PUBLIC' | 'PRIVATE';
export type NotificationLevel = 'ALL' | 'MENTIONS' | 'NONE';

/** The caller's own notification settings for one conversation. */
export interface Preferences {
  notifications: NotificationLevel;
  mutedUntil: string | null;
}

export interface Member {
  userId: UUID;
  role: string;
  username: string | null;
  displayName: string | null;
}

export interface Conversation {
  id: UUID;
  type: ConversationType;
  title: string | null;
  createdBy: UUID;
  createdAt: string;
  /** Every member of a DM or group; for a channel only the caller (page the rest with the members API). */
  members: Member[];
  memberCount: number;
  description: string | null;
  topic: string | null;
  avatarMediaId: UUID | null;
  visibility: Visibility;
  /** A channel's unique name in links; null for DMs and groups. */
  slug: string | null;
  /** An announcement channel: only the owner and admins post. */
  readOnly: boolean;
  /** Nobody posts any more; everybody still reads. */
  archived: boolean;
  preferences: Preferences;
}

export interface CreateChannelRequest {
  name: string;
  slug?: string;
  description?: string;
  topic?: string;
  visibility?: Visibility;
  readOnly?: boolean;
  memberIds?: UUID[];
}

/** PATCH /api/conversations/{id}: an absent field stays, null clears. */
export interface UpdateConversationRequest {
  title?: string;
  description?: string | null;
  topic?: string | null;
  avatarMediaId?: UUID | null;
  readOnly?: boolean;
  archived?: boolean;
  visibility?: Visibility;
  slug?: string;
}

/** A public channel as the directory lists it. */
export interface ChannelSummary {
  id: UUID;
  name: string;
  slug: string;
  description: string | null;
  topic: string | null;
  memberCount: number;
  joined: boolean;
}

export interface ChannelPage {
  items: ChannelSummary[];
  nextCursor: string | null;
}

export interface Invitation {
  id: UUID;
  conversationId: UUID;
  conversationTitle: string | null;
  conversationType: ConversationType;
  userId: UUID;
  invitedBy: UUID;
  invitedByName: string | null;
  createdAt: string;
  expiresAt: string | null;
}

export interface InvitationList {
  invitations: Invitation[];
}

export interface InviteRequest {
  userIds: UUID[];
  expiresAt?: string | null;
}

export interface InviteLink {
  code: string;
  conversationId: UUID;
  createdBy: UUID;
  createdAt: string;
  expiresAt: string | null;
  maxUses: number | null;
  uses: number;
  revoked: boolean;
}

export interface InviteLinkList {
  links: InviteLink[];
}

export interface CreateInviteLinkRequest {
  expiresAt?: string | null;
  maxUses?: number | null;
}

export interface InviteLinkPreview {
  code: string;
  conversationId: UUID;
  title: string | null;
  type: ConversationType;
  memberCount: number;
  expiresAt: string | null;
  alreadyMember: boolean;
}

/** The answer of accepting an invitation or joining by a link. */
export interface JoinResult {
  conversationId: UUID;
  joined: boolean;
}

export interface ConversationPage {
  items: Conversation[];
  nextCursor: string | null;
}

export interface CreateGroupRequest {
  type: 'GROUP';
  title: string;
  memberIds: UUID[];
}

export type Role = 'OWNER' | 'ADMIN' | 'MEMBER';

/** One entry of a conversation's members list (GET /api/conversations/{id}/members). */
export interface MemberEntry {
  userId: UUID;
  role: Role | string;
  username: string | null;
  displayName: string | null;
  joinedAt: string;
}

export interface MemberPage {
  items: MemberEntry[];
  nextCursor: string | null;
}

export interface AddMembersRequest {
  userIds: UUID[];
}

export interface AddMembersResult {
  added: MemberEntry[];
}

export interface ChangeRoleRequest {
  role: 'ADMIN' | 'MEMBER';
}

export interface TransferOwnershipRequest {
  userId: UUID;
}

export interface OwnershipChange {
  previousOwner: MemberEntry;
  owner: MemberEntry;
}

/** A ban or mute: `expiresAt` null means until lifted. */
export interface RestrictRequest {
  userId: UUID;
  reason?: string;
  expiresAt?: string;
}

export interface Ban {
  userId: UUID;
  reason: string | null;
  bannedBy: UUID;
  bannedAt: string;
  expiresAt: string | null;
}

export interface BanPage {
  items: Ban[];
  nextCursor: string | null;
}

export interface Mute {
  userId: UUID;
  reason: string | null;
  mutedBy: UUID;
  mutedAt: string;
  expiresAt: string | null;
}

export interface MutePage {
  items: Mute[];
  nextCursor: string | null;
}

export type ModerationAction = 'KICK' | 'BAN' | 'UNBAN' | 'MUTE' | 'UNMUTE' | 'PROMOTE' | 'DEMOTE' | 'TRANSFER_OWNERSHIP';

export interface ModerationEntry {
  actorId: UUID;
  action: ModerationAction | string;
  targetUserId: UUID;
  reason: string | null;
  expiresAt: string | null;
  at: string;
}

export interface ModerationLogPage {
  items: ModerationEntry[];
  nextCursor: string | null;
}

// ---- message-service ----

export interface Message {
  id: UUID;
  conversationId: UUID;
  seq: number;
  senderId: UUID;
  clientMessageId: string;
  body: string;
  replyToId: UUID | null;
  createdAt: string;
  /** When the body was last edited (also set locally when a `message.edited` change is applied). */
  editedAt?: string | null;
  /** A tombstone: the body is empty, the position stays. */
  deletedAt?: string | null;
  deletedBy?: UUID | null;
  /** Aggregated per emoji, in the order they were first used; `me`: the caller is among them. */
  reactions?: Reaction[];
  pinnedAt?: string | null;
  pinnedBy?: UUID | null;
  /** Replies under this message (a `message.created` with replyToId adds one). */
  replyCount?: number;
  /** The members the body names as @username (resolved by the server). */
  mentions?: UUID[];
  lastReplyAt?: string | null;
  /**
   * The files sent with it (empty on a deleted message). Always in the server's answers and pushes; optional here
   * for messages this client kept from before the field existed (the outbox in localStorage, cached windows).
   */
  attachments?: Attachment[];
}

/** A file a message carries; its bytes come from the media service (GET /api/media/{mediaId}). */
export interface Attachment {
  mediaId: UUID;
  contentType: string;
  sizeBytes: number;
  filename: string;
}

/** GET /api/conversations/{id}/attachments: the messages that carry files, newest first. */
export interface AttachmentMessages {
  items: Message[];
}

export interface Reaction {
  emoji: string;
  count: number;
  me: boolean;
}

export interface SearchHit {
  message: Message;
  /** The body with the matches in <mark>…</mark>; everything else is escaped text. */
  snippet: string;
}

export interface SearchPage {
  items: SearchHit[];
  nextCursor: string | null;
}

export interface PinnedMessages {
  items: Message[];
}

export interface MessagePage {
  items: Message[];
  hasMore: boolean;
  /** Only on an `around` page. */
  hasMoreBefore?: boolean;
  hasMoreAfter?: boolean;
  /** The change this page reflects (one snapshot): follow the stream from here. */
  lastSeq: number;
}

/** GET .../changes?after=N: every change after N, shaped as its push; `reset` past the retention bound. */
export interface ChangesPage {
  changes: StreamPush[];
  hasMore: boolean;
  /** Change N+1 is no longer kept: reload the conversation, then follow from `lastSeq`. */
  reset: boolean;
  lastSeq: number;
}

export interface EditMessageRequest {
  body: string;
}

export interface MessageEdit {
  /** The change that replaced `previousBody`. */
  seq: number;
  previousBody: string;
  editedAt: string;
}

export interface EditHistory {
  messageId: UUID;
  items: MessageEdit[];
}

export interface SendMessageRequest {
  clientMessageId: string;
  /** May be "" when attachments are given. */
  body: string;
  replyToId?: UUID;
  /** Media ids (READY uploads of the caller), at most 10, distinct. */
  attachments?: UUID[];
}

export interface LatestMessages {
  items: { conversationId: UUID; message: Message }[];
}

/** The caller's own receipt in one conversation (PUT/GET .../receipt, POST .../receipt/unread, GET /api/messages/unread). */
export interface UnreadState {
  conversationId: UUID;
  deliveredSeq: number;
  readSeq: number;
  unreadFromSeq: number | null;
  /** Others' live messages after the effective cursor, up to `cap` (the cap means "at least"). */
  unreadCount: number;
  firstUnreadSeq: number | null;
  /** How many of those mention the caller. */
  mentionCount: number;
}

export interface UnreadList {
  items: UnreadState[];
  cap: number;
}

export interface ReceiptMoveRequest {
  deliveredSeq?: number | null;
  readSeq?: number | null;
}

export interface MemberCursors {
  userId: UUID;
  deliveredSeq: number;
  readSeq: number;
}

export interface CursorList {
  items: MemberCursors[];
  truncated: boolean;
}

// ---- media-service ----

export type MediaStatus = 'PENDING' | 'READY';

export interface CreateUploadRequest {
  filename: string;
  contentType: string;
  sizeBytes: number;
}

/** Where to PUT the bytes: a presigned URL on the object store's origin (no Authorization header). */
export interface UploadTicket {
  mediaId: UUID;
  uploadUrl: string;
  uploadMethod: string;
  uploadHeaders: Record<string, string>;
  expiresAt: string;
}

export interface MediaView {
  mediaId: UUID;
  status: MediaStatus;
  contentType: string;
  sizeBytes: number;
  filename: string;
  createdAt: string;
  /** Presigned, valid a few minutes (until downloadUrlExpiresAt). */
  downloadUrl: string | null;
  downloadUrlExpiresAt: string | null;
}

// ---- presence-service ----

export type PresenceStatus = 'ONLINE' | 'OFFLINE';

export interface Presence {
  userId: UUID;
  status: PresenceStatus;
  lastSeenAt: string | null;
}

export interface PresenceList {
  items: Presence[];
}

// ---- socket frames (docs/websocket-protocol.md) ----

export interface WelcomeFrame {
  type: 'welcome';
  userId: UUID;
  nodeId: string;
  sessionId: string;
  epoch: string;
}

export interface PositionsFrame {
  type: 'positions';
  epoch: string;
  positions: Record<UUID, number>;
}

export interface PongFrame {
  type: 'pong';
}

export type SocketErrorCode =
  | 'bad_frame'
  | 'unknown_type'
  | 'unsupported_frame'
  | 'already_authenticated'
  | 'bad_resume'
  | 'too_many_conversations'
  | 'unavailable';

export interface ErrorFrame {
  type: 'error';
  code: SocketErrorCode | string;
  message: string;
}

export interface MessageCreatedPush {
  type: 'message.created';
  conversationId: UUID;
  seq: number;
  message: Message;
}

export interface MessageEditedPush {
  type: 'message.edited';
  conversationId: UUID;
  seq: number;
  messageId: UUID;
  messageSeq: number;
  body: string;
  mentions?: UUID[];
  editedBy: UUID;
  editedAt: string;
}

export interface MessageDeletedPush {
  type: 'message.deleted';
  conversationId: UUID;
  seq: number;
  messageId: UUID;
  messageSeq: number;
  deletedBy: UUID;
  deletedAt: string;
}

export interface ReactionPush {
  type: 'reaction.added' | 'reaction.removed';
  conversationId: UUID;
  seq: number;
  messageId: UUID;
  messageSeq: number;
  userId: UUID;
  emoji: string;
  at: string;
}

export interface MessagePinnedPush {
  type: 'message.pinned';
  conversationId: UUID;
  seq: number;
  messageId: UUID;
  messageSeq: number;
  pinnedBy: UUID;
  pinnedAt: string;
}

export interface MessageUnpinnedPush {
  type: 'message.unpinned';
  conversationId: UUID;
  seq: number;
  messageId: UUID;
  messageSeq: number;
  unpinnedBy: UUID;
  unpinnedAt: string;
}

/** A change of a conversation's stream: every one takes the conversation's next `seq`. */
export type StreamPush =
  | MessageCreatedPush
  | MessageEditedPush
  | MessageDeletedPush
  | ReactionPush
  | MessagePinnedPush
  | MessageUnpinnedPush;

/** A membership change (docs/websocket-protocol.md): no seq, a hint to refresh the conversation over REST. */
export type ConversationChange =
  | 'created'
  | 'member_joined'
  | 'member_left'
  | 'role_changed'
  | 'ownership_transferred'
  | 'deleted'
  | 'updated'
  | 'member_muted'
  | 'member_unmuted'
  | 'member_banned'
  | 'member_unbanned'
  | 'invited'
  | 'invitation_closed'
  | 'preferences_changed';

export interface ConversationChangedFrame {
  type: 'conversation.changed';
  conversationId: UUID;
  change: ConversationChange | string;
  userId: UUID | null;
}

/** Members' receipt cursors that moved, coalesced (docs/websocket-protocol.md, "Receipts and unread"). */
export interface ReceiptMovedFrame {
  type: 'receipt.moved';
  conversationId: UUID;
  cursors: { userId: UUID; kind: 'READ' | 'DELIVERED'; seq: number }[];
}

export type ServerFrame =
  | WelcomeFrame
  | PositionsFrame
  | PongFrame
  | ErrorFrame
  | StreamPush
  | ConversationChangedFrame
  | ReceiptMovedFrame;

export type ClientFrame =
  | { type: 'auth'; token: string }
  | { type: 'resume'; positions: Record<UUID, number> }
  | { type: 'ping' };
