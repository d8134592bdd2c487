// Rules of change transactions that need no database: what each type's edits must
// contain, and that shares of a right add up to the whole. Pure.
import { errors } from '../../kernel/app-error.js';

export type RightsChangeType = 'transfer' | 'inheritance' | 'gift' | 'capital_contribution';
export type ChangeType = RightsChangeType | 'mortgage' | 'mortgage_release';
export const RIGHTS_CHANGE_TYPES: readonly RightsChangeType[] = ['transfer', 'inheritance', 'gift', 'capital_contribution'];

export interface NewParty {
  kind: 'individual' | 'household' | 'couple' | 'organisation';
  fullName: string;
  idNumber?: string | undefined;
  birthYear?: number | undefined;
  address?: string | undefined;
}

/** An existing party by id, or a new one to register with the change. */
export type PartyRef = { partyId: string } | { party: NewParty };

export interface RightsEdits {
  to: Array<PartyRef & { share: number }>;
}

export interface MortgageEdits {
  lender: PartyRef;
  amount?: number | undefined;
  contractRef: string;
}

export interface ReleaseEdits {
  restrictionId: string;
}

export type ChangeEdits = RightsEdits | MortgageEdits | ReleaseEdits;

const SHARE_TOLERANCE = 1e-6;

/** Throws a 400 naming the field at fault when the edits do not fit the type. */
export function checkEdits(type: ChangeType, edits: ChangeEdits): void {
  if ((RIGHTS_CHANGE_TYPES as readonly string[]).includes(type)) {
    const to = (edits as RightsEdits).to;
    if (!Array.isArray(to) || to.length === 0) {
      throw errors.invalid({ vi: 'Cần ít nhất một người nhận quyền', en: 'At least one new right holder is needed' }, { field: 'body/edits/to' });
    }
    const total = to.reduce((sum, holder) => sum + holder.share, 0);
    if (Math.abs(total - 1) > SHARE_TOLERANCE) {
      throw errors.invalid(
        { vi: `Tổng phần quyền phải bằng 1 (hiện là ${total})`, en: `The shares must add up to 1 (they add up to ${total})` },
        { field: 'body/edits/to', total },
      );
    }
    return;
  }
  if (type === 'mortgage' && !('lender' in edits && 'contractRef' in edits)) {
    throw errors.invalid({ vi: 'Thiếu bên nhận thế chấp hoặc hợp đồng', en: 'The lender or the contract is missing' }, { field: 'body/edits' });
  }
  if (type === 'mortgage_release' && !('restrictionId' in edits)) {
    throw errors.invalid({ vi: 'Thiếu đăng ký thế chấp cần xóa', en: 'The mortgage to release is missing' }, { field: 'body/edits/restrictionId' });
  }
}
