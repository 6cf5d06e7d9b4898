// The addresses a wall display opens: /screens/plant/:plantId, /screens/enterprise, /screens/county, each
// with an optional `?token=` (kiosk mode, no login).
import { useParams, useSearchParams } from 'react-router';
import { CountyScreen } from './county-screen';
import { PlantScreen } from './plant-screen';

function useKioskToken(): string | undefined {
  const [search] = useSearchParams();
  return search.get('token') ?? undefined;
}

export function PlantScreenPage() {
  const { plantId } = useParams();
  return <PlantScreen plantId={plantId ?? null} token={useKioskToken()} />;
}

export function EnterpriseScreenPage() {
  return <PlantScreen plantId={null} token={useKioskToken()} />;
}

export function CountyScreenPage() {
  return <CountyScreen token={useKioskToken()} />;
}
