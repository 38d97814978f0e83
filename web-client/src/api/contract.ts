/**
 * The hand-written wire types (types.ts) checked against the services' OpenAPI documents (generated/, from
 * docs/openapi by scripts/gen-api.mjs) when tsc runs: nothing here exists at run time. A field the server renames,
 * adds or drops in an answer, or a request field the server now requires, fails the build until types.ts follows.
 */
import type * as Auth from './generated/auth';
import type * as Conversations from './generated/conversation';
import type * as Media from './generated/media';
import type * as Messages from './generated/message';
import type * as Presence from './generated/presence';
import type * as T from './types';
import type * as D from '../features/drafts/api';
import type * as S from '../features/schedule/api';

type Assert<Check extends true> = Check;
type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type RequiredKeys<S> = { [K in keyof S]-?: object extends Pick<S, K> ? never : K }[keyof S];

/** An answer: exactly the server's fields (local-only fields named in Local are left out). */
type Answer<Ours, Server, Local extends keyof Ours = never> = Equal<keyof Omit<Ours, Local>, keyof Server>;
/** A request: only fields the server knows, and every field it requires. */
type Request<Ours, Server> = [keyof Ours] extends [keyof Server]
  ? [RequiredKeys<Server>] extends [keyof Ours]
    ? true
    : false
  : false;

export type Contract = [
  Assert<Request<T.RegisterRequest, Auth.RegisterRequest>>,
  Assert<Request<T.LoginRequest, Auth.LoginRequest>>,
  Assert<Answer<T.TokenResponse, Auth.TokenResponse>>,
  Assert<Answer<T.User, Auth.UserView>>,
  Assert<Answer<T.UserSearchResult, Auth.SearchResult>>,
  Assert<Answer<T.Conversation, Conversations.ConversationView>>,
  Assert<Answer<T.Member, Conversations.MemberView>>,
  Assert<Answer<T.ConversationPage, Conversations.ConversationPage>>,
  Assert<Request<T.CreateGroupRequest, Conversations.CreateGroupRequest>>,
  Assert<Answer<T.MemberEntry, Conversations.Member>>,
  Assert<Answer<T.MemberPage, Conversations.MemberPage>>,
  Assert<Request<T.AddMembersRequest, Conversations.AddMembersRequest>>,
  Assert<Answer<T.AddMembersResult, Conversations.AddedMembers>>,
  Assert<Request<T.ChangeRoleRequest, Conversations.ChangeRoleRequest>>,
  Assert<Request<T.TransferOwnershipRequest, Conversations.TransferOwnershipRequest>>,
  Assert<Answer<T.OwnershipChange, Conversations.OwnershipChange>>,
  Assert<Request<T.RestrictRequest, Conversations.RestrictRequest>>,
  Assert<Answer<T.Ban, Conversations.Ban>>,
  Assert<Answer<T.BanPage, Conversations.BanPage>>,
  Assert<Answer<T.Mute, Conversations.Mute>>,
  Assert<Answer<T.MutePage, Conversations.MutePage>>,
  Assert<Answer<T.ModerationEntry, Conversations.ModerationEntry>>,
  Assert<Answer<T.ModerationLogPage, Conversations.ModerationLogPage>>,
  Assert<Request<T.CreateChannelRequest, Conversations.CreateChannelRequest>>,
  Assert<Answer<T.ChannelSummary, Conversations.ChannelItem>>,
  Assert<Answer<T.ChannelPage, Conversations.ChannelPage>>,
  Assert<Answer<T.Preferences, Conversations.NotificationPreferences>>,
  Assert<Request<T.Preferences, Conversations.PreferencesRequest>>,
  Assert<Answer<T.Invitation, Conversations.Invitation>>,
  Assert<Answer<T.InvitationList, Conversations.InvitationList>>,
  Assert<Request<T.InviteRequest, Conversations.InviteRequest>>,
  Assert<Answer<T.InviteLink, Conversations.InviteLink>>,
  Assert<Answer<T.InviteLinkList, Conversations.InviteLinkList>>,
  Assert<Request<T.CreateInviteLinkRequest, Conversations.CreateInviteLinkRequest>>,
  Assert<Answer<T.InviteLinkPreview, Conversations.InviteLinkPreview>>,
  Assert<Answer<T.JoinResult, Conversations.JoinOutcome>>,
  Assert<Answer<T.Message, Messages.Message>>,
  Assert<Answer<T.Attachment, Messages.Attachment>>,
  Assert<Answer<T.AttachmentMessages, Messages.AttachmentsPage>>,
  Assert<Request<T.CreateUploadRequest, Media.CreateUploadRequest>>,
  Assert<Answer<T.UploadTicket, Media.UploadTicket>>,
  Assert<Answer<T.MediaView, Media.MediaView>>,
  Assert<Answer<T.ChangesPage, Messages.ChangesPage>>,
  Assert<Answer<T.SearchPage, Messages.SearchPage>>,
  Assert<Answer<T.SearchHit, Messages.SearchHit>>,
  Assert<Answer<T.PinnedMessages, Messages.Pins>>,
  Assert<Request<T.EditMessageRequest, Messages.EditMessageRequest>>,
  Assert<Answer<T.EditHistory, Messages.EditHistory>>,
  Assert<Answer<T.MessageEdit, Messages.Edit>>,
  Assert<Answer<T.MessagePage, Messages.HistoryPage>>,
  Assert<Request<T.SendMessageRequest, Messages.SendMessageRequest>>,
  Assert<Answer<T.LatestMessages, Messages.LatestMessages>>,
  Assert<Answer<T.LatestMessages['items'][number], Messages.Latest>>,
  Assert<Answer<T.UnreadState, Messages.UnreadState>>,
  Assert<Answer<T.UnreadList, Messages.Unread>>,
  Assert<Request<T.ReceiptMoveRequest, Messages.MoveRequest>>,
  Assert<Answer<T.CursorList, Messages.CursorList>>,
  Assert<Answer<T.MemberCursors, Messages.Cursors>>,
  Assert<Answer<D.Draft, Messages.Draft>>,
  Assert<Answer<D.DraftList, Messages.DraftList>>,
  Assert<Request<D.DraftRequest, Messages.DraftRequest>>,
  Assert<Answer<S.ScheduledMessage, Messages.ScheduledMessage>>,
  Assert<Answer<S.ScheduledMessages, Messages.ScheduledMessages>>,
  Assert<Answer<T.Presence, Presence.UserPresence>>,
  Assert<Answer<T.PresenceList, Presence.PresenceList>>,
];
