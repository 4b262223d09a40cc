import { describe, expect, it } from 'vitest';
import { splitOwnerRoles, splitRoleRun } from '../../src/import/owner-roles.ts';

describe('splitOwnerRoles', () => {
  it.each([
    [
      'Principal Social Workers; Reward and Analytics Manager',
      ['Principal Social Workers', 'Reward and Analytics Manager'],
    ],
    [
      'Principal Social Worker and Principal Occupational Therapist',
      ['Principal Social Worker', 'Principal Occupational Therapist'],
    ],
    ['Director and HR Manager', ['Director', 'HR Manager']],
    ['HR, supported by Equality and Inclusion', ['HR', 'Equality and Inclusion']],
    ['Race Equality Champion, Head of Communications', ['Race Equality Champion', 'Head of Communications']],
    [
      'Head of Communications and Inclusion and Corporate Development Manager',
      ['Head of Communications', 'Inclusion and Corporate Development Manager'],
    ],
    [
      'Consultant in Public Health and Food and Commercial Safety Manager',
      ['Consultant in Public Health', 'Food and Commercial Safety Manager'],
    ],
    [
      'Lifestyle Advisor (Early Years) and Healthy Early Years Officer',
      ['Lifestyle Advisor (Early Years)', 'Healthy Early Years Officer'],
    ],
    [
      'Assistant Director Education Partnerships and Principal Social Worker',
      ['Assistant Director Education Partnerships', 'Principal Social Worker'],
    ],
  ])('splits "%s"', (cell, roles) => {
    expect(splitOwnerRoles(cell)).toEqual(roles);
  });

  it.each([
    'Learning and Development Consultant',
    'Safety, Health and Wellbeing Manager',
    'Inclusion and Corporate Development Manager',
    'Director of HR and OD',
    'Assistant Director, Education Partnerships',
    'Head of Strategy and Commissioning',
    'Inclusion & Corporate Development Manager',
  ])('keeps "%s" as one role', (cell) => {
    expect(splitOwnerRoles(cell)).toEqual([cell]);
  });

  it('reads empty and n/a cells as no owner', () => {
    expect(splitOwnerRoles('')).toEqual([]);
    expect(splitOwnerRoles(' n/a ')).toEqual([]);
  });
});

describe('splitRoleRun: roles one after another, mixed case, no separators', () => {
  it.each([
    [
      'Director of Public Health Head of HR Chief Executive',
      ['Director of Public Health', 'Head of HR', 'Chief Executive'],
    ],
    ['HR Manager Head of Learning', ['HR Manager', 'Head of Learning']],
    ['Chief Executive Chair of the Board', ['Chief Executive', 'Chair of the Board']],
    ['Policy Officer Director of Communities', ['Policy Officer', 'Director of Communities']],
  ])('splits "%s"', (text, roles) => {
    expect(splitRoleRun(text)).toEqual(roles);
  });

  it.each([
    'Executive Director of People',
    'Interim Head of Service',
    'Deputy Chief Executive',
    "Director of Children's Services",
    'Head of Housing Solutions',
    'Assistant Director Adult Social Care',
  ])('keeps "%s" as one role', (text) => {
    expect(splitRoleRun(text)).toEqual([text]);
  });
});
