import { describe, expect, it } from 'vitest';
import { fieldKind } from '../../src/lead/field-kind.js';
import type { Field } from '../../src/lead/fields.js';

const f = (more: Partial<Field>): Field => ({ n: '', v: [], ...more });

describe('fieldKind', () => {
  it('takes data-lb-field first, whatever the rest says', () => {
    expect(fieldKind(f({ n: 'email', t: 'email', f: 'companyName' }))).toBe('companyName');
  });

  it('uses autocomplete tokens, also with section and shipping prefixes', () => {
    expect(fieldKind(f({ n: 'x1', a: 'given-name' }))).toBe('firstName');
    expect(fieldKind(f({ n: 'x2', a: 'section-a shipping family-name' }))).toBe('lastName');
    expect(fieldKind(f({ n: 'x3', a: 'organization' }))).toBe('companyName');
    expect(fieldKind(f({ n: 'x4', a: 'tel-national' }))).toBe('phone');
  });

  it('ignores autocomplete tokens that only look like names', () => {
    expect(fieldKind(f({ n: 'x', a: 'country-name' }))).toBeUndefined();
  });

  it("maps HubSpot's object-prefixed names: 0-1 is the contact, 0-2/name the company's name", () => {
    expect(fieldKind(f({ n: '0-1/firstname' }))).toBe('firstName');
    expect(fieldKind(f({ n: '0-1/email' }))).toBe('email');
    expect(fieldKind(f({ n: '0-2/name' }))).toBe('companyName');
    expect(fieldKind(f({ n: '0-1/name' }))).toBe('name');
  });

  it('uses the input type', () => {
    expect(fieldKind(f({ n: 'input_2', t: 'email' }))).toBe('email');
    expect(fieldKind(f({ n: 'input_3', t: 'tel' }))).toBe('phone');
  });

  it('uses the id and the placeholder', () => {
    expect(fieldKind(f({ n: 'input_7', i: 'contact-email' }))).toBe('email');
    expect(fieldKind(f({ n: 'input_8', p: 'Your phone number' }))).toBe('phone');
  });

  it.each([
    // builders' names
    ['input_1.3', 'First', 'firstName'],
    ['wpforms[fields][0][first]', '', 'firstName'],
    ['wpforms[fields][0][last]', '', 'lastName'],
    ['form_fields[name]', '', 'name'],
    ['your-name', '', 'name'],
    ['FNAME', '', 'firstName'],
    ['LNAME', '', 'lastName'],
    ['FirstName', '', 'firstName'],
    ['LastName', '', 'lastName'],
    ['firstname', '', 'firstName'],
    ['mobilephone', '', 'phone'],
    ['contact[body]', '', 'formMessage'],
    ['description', '', 'formMessage'],
    ['your-message', '', 'formMessage'],
    // labels in English, Dutch, German, French and Spanish
    ['f1', 'Voornaam', 'firstName'],
    ['f2', 'Achternaam', 'lastName'],
    ['f3', 'Telefoonnummer', 'phone'],
    ['f4', 'Bedrijfsnaam', 'companyName'],
    ['f5', 'Naam', 'name'],
    ['f6', 'Opmerkingen', 'formMessage'],
    ['f7', 'Vorname', 'firstName'],
    ['f8', 'Nachname', 'lastName'],
    ['f9', 'Firma', 'companyName'],
    ['f10', 'Nachricht', 'formMessage'],
    ['f11', 'Prénom', 'firstName'],
    ['f12', 'Nom', 'lastName'],
    ['f13', 'Téléphone', 'phone'],
    ['f14', 'Société', 'companyName'],
    ['f15', "Nom de l'entreprise", 'companyName'],
    ['f16', 'Courriel', 'email'],
    ['f17', 'Nombre', 'firstName'],
    ['f18', 'Apellidos', 'lastName'],
    ['f19', 'Nombre completo', 'name'],
    ['f20', 'Correo electrónico', 'email'],
    ['f21', 'Teléfono', 'phone'],
    ['f22', 'Empresa', 'companyName'],
    ['f23', 'Mensaje', 'formMessage'],
    ['f24', 'Full name', 'name'],
    ['f25', 'Company name', 'companyName'],
    ['f26', 'E-mailadres', 'email'],
  ])('maps %s labelled "%s" to %s', (n, l, kind) => {
    expect(fieldKind(f({ n, l }))).toBe(kind);
  });

  it('leaves ordinary fields alone', () => {
    expect(fieldKind(f({ n: 'username' }))).toBeUndefined();
    expect(fieldKind(f({ n: 'budget', l: 'Budget' }))).toBeUndefined();
  });

  it('maps boxes, menus and hidden fields only explicitly', () => {
    expect(fieldKind(f({ n: 'email_optin', t: 'checkbox' }))).toBeUndefined();
    expect(fieldKind(f({ n: 'company_size', t: 'select-one' }))).toBeUndefined();
  });
});
