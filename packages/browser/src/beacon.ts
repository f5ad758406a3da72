/** The JSON body the script sends to the leadbeacon endpoint (text/plain, so no CORS preflight). */
export interface Beacon {
  /** Fresh per form submission; LeadTrackr dedupes on it (formData.uniqueEventId). */
  uniqueEventId: string;
  userData: UserData;
  attributionData: Record<string, unknown>;
  formData: Record<string, string | string[]>;
  uniqueIdentifier?: string;
}

export interface UserData {
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  companyName?: string;
}
