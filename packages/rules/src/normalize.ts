/**
 * Text as the keyword rules read it, the same in the page (which fields are sensitive) and on the
 * endpoint (what a field holds): accents off, camelCase split, lower case, anything but letters
 * and digits a space. `Téléphone` → `telephone`, `FirstName` → `first name`, `contact[email]` →
 * `contact email `. Each step is one linear pass.
 */
export function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ');
}
