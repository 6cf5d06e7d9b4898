// The addresses a wall display opens: /screens/plant/:plantId, /screens/enterprise, /screens/county, each
// with an optional `?token=` (kiosk mode, no login); a plant screen also takes `?rotate=` (seconds per page of
// its machine board, 2–300, 10 by default).
import { useParams, useSearchParams } from 'react-router';
import { CountyScreen } from './county-screen';
import { rotationSeconds } from './machine-pages';
import { PlantScreen } from './plant-screen';

function useKioskToken(): string | undefined {
  const [search] = useSearchParams();
  return search.get('token') ?? undefined;
}

function useRotation(): number {
  const [search] = useSearchParams();
  return rotationSeconds(search.get('rotate'));
}

export function PlantScreenPage() {
  const { plantId } = useParams();
  return <PlantScreen plantId={plantId ?? null} token={useKioskToken()} rotateSeconds={useRotation()} />;
}

export function EnterpriseScreenPage() {
  return <PlantScreen plantId={null} token={useKioskToken()} rotateSeconds={useRotation()} />;
}

export function CountyScreenPage() {
  return <CountyScreen token={useKioskToken()} />;
}
