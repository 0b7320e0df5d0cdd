// The back office's administration links, one entry per page family; each names who sees it.
import type { MessageKey } from '../i18n/index.ts';

export type StaffRole = 'region_admin' | 'municipality_admin' | 'clerk';

export interface StaffNavItem {
  href: string;
  label: MessageKey;
  roles: StaffRole[];
}

export const STAFF_NAV: StaffNavItem[] = [];

/** A module adds its pages when its routes are registered; a second app in the same process adds nothing twice. */
export function addStaffNav(...items: StaffNavItem[]) {
  for (const item of items) if (!STAFF_NAV.some((known) => known.href === item.href)) STAFF_NAV.push(item);
}

export const staffNavFor = (role: StaffRole | undefined) => (role ? STAFF_NAV.filter((item) => item.roles.includes(role)) : []);
