// Sharing calls: invitations by username or e-mail, join links, invitation pages, workspaces.
import type { Board, BoardRole, Member, Organization } from "@tack/shared/models";
import type { SessionInfo } from "./auth.ts";
import { del, get, post, put } from "./http.ts";
import type { BoardSummary } from "./trello.ts";

const enc = encodeURIComponent;

export interface Invitation {
  id: string;
  /** The board it leads onto, or (`idOrganization`) the workspace it leads into. */
  idBoard?: string;
  idOrganization?: string;
  kind: "email" | "link";
  email: string | null;
  fullName: string;
  memberType: BoardRole;
  idMemberInviter: string;
  dateCreated: string;
  dateExpires: string | null;
}

/** A new invitation or join link: its `url` is shown only now (the server keeps a hash). */
export interface CreatedInvitation extends Invitation {
  url: string;
}

export const inviteByUsername = (idBoard: string, username: string, type: BoardRole): Promise<unknown> =>
  put(`/1/boards/${enc(idBoard)}/members`, { username, type });
export const inviteByEmail = (idBoard: string, email: string, type: BoardRole): Promise<CreatedInvitation> =>
  post<CreatedInvitation>(`/1/boards/${enc(idBoard)}/invitations`, { email, type });
export const createJoinLink = (idBoard: string, type: BoardRole): Promise<CreatedInvitation> =>
  post<CreatedInvitation>(`/1/boards/${enc(idBoard)}/invitations`, { type });
export const pendingInvitations = (idBoard: string): Promise<Invitation[]> =>
  get<Invitation[]>(`/1/boards/${enc(idBoard)}/invitations`);
export const revokeInvitation = (idBoard: string, id: string): Promise<unknown> =>
  del(`/1/boards/${enc(idBoard)}/invitations/${enc(id)}`);

export interface InvitationPreview {
  kind: "email" | "link";
  memberType: BoardRole;
  email: string | null;
  fullName: string;
  /** Where it leads: a board, or a workspace. */
  board?: Pick<Board, "id" | "name" | "shortLink" | "prefs">;
  organization?: InvitedWorkspace;
  inviter: { fullName: string; username: string } | null;
}

export type InvitedWorkspace = Pick<Organization, "id" | "name" | "displayName">;
/** What joining through a link answers: the board, or `{organization}` for a workspace. */
export type Joined = Pick<Board, "id" | "name" | "shortLink"> | { organization: InvitedWorkspace };

export const previewInvitation = (token: string): Promise<InvitationPreview> =>
  get<InvitationPreview>(`/1/invitations/${enc(token)}`, { expectUnauthenticated: true });
export const acceptInvitation = (token: string): Promise<Joined> =>
  post(`/1/invitations/${enc(token)}/accept`, {});

export interface SignupThroughInvitation extends SessionInfo {
  /** The board or workspace joined; neither when the link was used up in the meantime. */
  board?: Pick<Board, "id" | "name" | "shortLink">;
  organization?: InvitedWorkspace;
}

export const signupThroughInvitation = (input: {
  username: string;
  email: string;
  password: string;
  fullName: string;
  invitation: string;
}): Promise<SignupThroughInvitation> =>
  post<SignupThroughInvitation>("/auth/signup", input, { expectUnauthenticated: true });

// Workspaces
export interface WorkspaceMembership {
  idMember: string;
  memberType: "admin" | "normal";
}
export const organization = (idOrName: string): Promise<Organization> =>
  get<Organization>(`/1/organizations/${enc(idOrName)}`);
export const organizationBoards = (idOrName: string): Promise<BoardSummary[]> =>
  get<BoardSummary[]>(`/1/organizations/${enc(idOrName)}/boards`);
export const organizationMembers = (idOrName: string): Promise<Member[]> =>
  get<Member[]>(`/1/organizations/${enc(idOrName)}/members`);
export const organizationMemberships = (idOrName: string): Promise<WorkspaceMembership[]> =>
  get<WorkspaceMembership[]>(`/1/organizations/${enc(idOrName)}/memberships`);
export const addOrganizationMember = (idOrg: string, username: string, type: "admin" | "normal") =>
  put(`/1/organizations/${enc(idOrg)}/members`, { username, type });
export const setOrganizationRole = (idOrg: string, idMember: string, type: "admin" | "normal") =>
  put(`/1/organizations/${enc(idOrg)}/members/${enc(idMember)}`, { type });
export const removeOrganizationMember = (idOrg: string, idMember: string) =>
  del(`/1/organizations/${enc(idOrg)}/members/${enc(idMember)}`);
export const inviteToOrganizationByEmail = (
  idOrg: string,
  email: string,
  type: "admin" | "normal",
): Promise<CreatedInvitation> =>
  put<CreatedInvitation>(`/1/organizations/${enc(idOrg)}/members`, { email, type });
export const organizationInvitations = (idOrg: string): Promise<Invitation[]> =>
  get<Invitation[]>(`/1/organizations/${enc(idOrg)}/invitations`);
export const revokeOrganizationInvitation = (idOrg: string, id: string): Promise<unknown> =>
  del(`/1/organizations/${enc(idOrg)}/invitations/${enc(id)}`);
