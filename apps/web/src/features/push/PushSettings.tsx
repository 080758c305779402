import type { PushDevice } from '@yhteistyotila/protocol';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/dates.js';
import { useErrorMessage } from '../../lib/errors.js';
import { queryKeys } from '../../lib/query-keys.js';
import { pushApi } from './push-api.js';
import {
  deviceIdOf,
  isInstalled,
  isIos,
  pushSupported,
  thisDeviceSubscription,
  turnOffHere,
  turnOnHere,
  type TurnOnProblem,
} from './this-device.js';
import './push.css';

/** Which listed device is this browser (null: push is not on here; undefined: not known yet). */
async function thisDeviceId(): Promise<string | null> {
  const subscription = await thisDeviceSubscription().catch(() => null);
  return subscription ? deviceIdOf(subscription.endpoint) : null;
}

/** The profile page's "Push notifications on this device": turn on or off, devices, privacy. */
export function PushSettings() {
  const { t, i18n } = useTranslation('push');
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const state = useQuery({ queryKey: queryKeys.myPush, queryFn: pushApi.state });
  const thisDevice = useQuery({ queryKey: queryKeys.myPushThisDevice, queryFn: thisDeviceId });
  const thisId = thisDevice.data;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [problem, setProblem] = useState<TurnOnProblem | null>(null);
  const [status, setStatus] = useState('');
  const previewId = useId();

  const run = async (work: () => Promise<string | void>) => {
    setBusy(true);
    setError(null);
    setProblem(null);
    setStatus('');
    try {
      const said = await work();
      if (said) setStatus(said);
    } catch (err) {
      setError(err);
    } finally {
      // Both keys start with myPush: this device's subscription and the server's list.
      await queryClient.invalidateQueries({ queryKey: queryKeys.myPush });
      setBusy(false);
    }
  };

  const supported = pushSupported();
  const onHere = Boolean(thisId && state.data?.devices.some((d) => d.id === thisId));
  const iosNotInstalled = supported !== true && isIos() && !isInstalled();

  const turnOn = () =>
    run(async () => {
      const key = state.data?.publicKey;
      if (!key) return;
      const found = await turnOnHere(key);
      if (found) setProblem(found);
      else return t('turnedOn');
    });
  const turnOff = () =>
    run(async () => {
      await turnOffHere();
      return t('turnedOff');
    });
  const remove = (device: PushDevice) =>
    run(async () => {
      if (device.id === thisId) await turnOffHere();
      else await pushApi.remove(device.id);
      return t('devices.removed', { device: device.label || t('devices.unknown') });
    });
  const test = (device: PushDevice) =>
    run(async () => {
      const { delivered } = await pushApi.test(device.id);
      return delivered ? t('devices.testSent') : t('devices.testFailed');
    });
  const setPreview = (showContent: boolean) => {
    // Shown at once; the refetch after the save (or a failure) puts the server's value back.
    if (state.data)
      queryClient.setQueryData(queryKeys.myPush, { ...state.data, settings: { showContent } });
    return run(async () => {
      await pushApi.settings({ showContent });
      return t('preview.saved');
    });
  };

  const date = (iso: string) => formatDateTime(iso, i18n.language);

  return (
    <section aria-labelledby="profile-push" className="push-settings">
      <h2 id="profile-push">{t('title')}</h2>
      <p className="hint">{t('lead')}</p>
      <p className="hint">{t('iphone')}</p>
      {state.error ? (
        <p className="notice error">{errorMessage(state.error)}</p>
      ) : !state.data ? (
        <p>{t('common:loading')}</p>
      ) : (
        <>
          {state.data.publicKey === null ? (
            <p className="notice">{t('serverOff')}</p>
          ) : !supported ? (
            <p className="notice">{iosNotInstalled ? t('iphoneSteps') : t('unsupported')}</p>
          ) : (
            <div className="push-here">
              <p>
                <strong>{onHere ? t('onHere') : t('offHere')}</strong>
              </p>
              {onHere ? (
                <button
                  type="button"
                  className="button"
                  disabled={busy}
                  onClick={() => void turnOff()}
                >
                  {t('turnOff')}
                </button>
              ) : (
                <button
                  type="button"
                  className="button primary"
                  disabled={busy || thisId === undefined}
                  onClick={() => void turnOn()}
                >
                  {t('turnOn')}
                </button>
              )}
              {problem && (
                <p className="notice error" role="alert">
                  {t(`problems.${problem}`)}
                </p>
              )}
            </div>
          )}

          <h3>{t('devices.title')}</h3>
          {state.data.devices.length === 0 ? (
            <p className="hint">{t('devices.none')}</p>
          ) : (
            <ul className="push-devices">
              {state.data.devices.map((d) => {
                const name = d.label || t('devices.unknown');
                return (
                  <li key={d.id} className="card">
                    <strong>{name}</strong>
                    {d.id === thisId && <span className="badge"> {t('devices.this')}</span>}
                    <br />
                    <span className="hint">
                      {t('devices.since', { date: date(d.createdAt) })}
                      {d.lastPushAt && ` · ${t('devices.lastPush', { date: date(d.lastPushAt) })}`}
                    </span>
                    <div className="push-device-actions">
                      <button
                        type="button"
                        className="button small"
                        disabled={busy}
                        onClick={() => void test(d)}
                      >
                        {t('devices.test')}
                        <span className="visually-hidden"> ({name})</span>
                      </button>
                      <button
                        type="button"
                        className="button danger small"
                        disabled={busy}
                        onClick={() => void remove(d)}
                      >
                        {t('devices.remove')}
                        <span className="visually-hidden"> ({name})</span>
                      </button>
                    </div>
                  </li>
                );
              })}
            </ul>
          )}

          <h3>{t('preview.title')}</h3>
          <label className="checkbox" htmlFor={previewId}>
            <input
              id={previewId}
              type="checkbox"
              checked={state.data.settings.showContent}
              disabled={busy}
              aria-describedby={`${previewId}-hint`}
              onChange={(e) => void setPreview(e.target.checked)}
            />
            <span>{t('preview.label')}</span>
          </label>
          <p className="hint" id={`${previewId}-hint`}>
            {t('preview.hint')}
          </p>
        </>
      )}
      <p role="status" className="push-status">
        {status}
      </p>
      {error !== null && (
        <p className="notice error" role="alert">
          {errorMessage(error)}
        </p>
      )}
    </section>
  );
}
