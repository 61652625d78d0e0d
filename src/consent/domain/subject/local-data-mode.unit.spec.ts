import { switchLocalDataMode } from '../testing/command-builders';
import { deciderSpecification } from '../testing/decider-specification';
import {
  erasureRequested,
  localDataModeSwitchedOff,
  localDataModeSwitchedOn,
  registered,
} from '../testing/event-builders';
import { DAY, NOW, importContext, plus } from '../testing/fixtures';
import { subjectDecider } from './subject.decider';

const spec = deciderSpecification(subjectDecider);
const daysAgo = (days: number) => plus(NOW, -days * DAY);

describe('switching Local Data Mode', () => {
  it('records switching it on', () => {
    spec.given([registered()]).when(switchLocalDataMode(true)).then([localDataModeSwitchedOn()]);
  });

  it('records switching it off again', () => {
    spec
      .given([registered(), localDataModeSwitchedOn(daysAgo(1))])
      .when(switchLocalDataMode(false))
      .then([localDataModeSwitchedOff()]);
  });

  describe('to the mode the subject is already in', () => {
    it('records nothing when switching off a mode never switched on', () => {
      spec.given([registered()]).when(switchLocalDataMode(false)).thenNothing();
    });

    it('records nothing when switching on a mode already on', () => {
      spec
        .given([registered(), localDataModeSwitchedOn(daysAgo(1))])
        .when(switchLocalDataMode(true))
        .thenNothing();
    });

    it('records nothing when switching off a mode switched on and off again', () => {
      spec
        .given([
          registered(),
          localDataModeSwitchedOn(daysAgo(2)),
          localDataModeSwitchedOff(daysAgo(1)),
        ])
        .when(switchLocalDataMode(false))
        .thenNothing();
    });
  });

  describe('back-dated by an importer, compared with the mode at its own valid time', () => {
    const onThenOff = [
      registered(),
      localDataModeSwitchedOn(daysAgo(10)),
      localDataModeSwitchedOff(daysAgo(5)),
    ];

    it('records switching off inside an earlier period of Local Data Mode', () => {
      spec
        .given(onThenOff)
        .when(switchLocalDataMode(false, { at: daysAgo(7), context: importContext() }))
        .then([localDataModeSwitchedOff(daysAgo(7))]);
    });

    it('records nothing when switching on inside that period', () => {
      spec
        .given(onThenOff)
        .when(switchLocalDataMode(true, { at: daysAgo(7), context: importContext() }))
        .thenNothing();
    });

    it('records switching on before that period', () => {
      spec
        .given(onThenOff)
        .when(switchLocalDataMode(true, { at: daysAgo(12), context: importContext() }))
        .then([localDataModeSwitchedOn(daysAgo(12))]);
    });

    it('records nothing when switching off before that period', () => {
      spec
        .given(onThenOff)
        .when(switchLocalDataMode(false, { at: daysAgo(12), context: importContext() }))
        .thenNothing();
    });
  });

  it('refuses a subject that is not registered', () => {
    spec.given([]).when(switchLocalDataMode(true)).thenThrows('subject-not-registered');
  });

  it('refuses once erasure of the account was requested', () => {
    spec
      .given([registered(), erasureRequested({ kind: 'account' }, { at: daysAgo(1) })])
      .when(switchLocalDataMode(true))
      .thenThrows('subject-erased');
  });
});
