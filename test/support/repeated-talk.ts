// The talk held on two days that the import tests of repeated talks share: a workshop on
// 12 and 13 May 2027, one frab event per slot (ids 201 and 202), with ids as imported.
export const ID = (n: number) => `example-virt-days-2027-evd27-${n}`;
const ADA = ["Ada Example"];
export const DAY1 = {
  id: 201,
  title: "Hands-on KVM workshop",
  date: "2027-05-12T10:00:00+02:00",
  persons: ADA,
};
export const DAY2 = { ...DAY1, id: 202, date: "2027-05-13T10:00:00+02:00" };
